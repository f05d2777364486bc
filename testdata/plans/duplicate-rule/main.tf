provider "aws" {
  region = "eu-west-1"
}

resource "aws_security_group" "app" {
  name        = "app"
  description = "Orders application"

  egress {
    description = "HTTPS out"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }
}

resource "aws_security_group_rule" "https_out" {
  security_group_id = aws_security_group.app.id
  type              = "egress"
  protocol          = "6"
  from_port         = 443
  to_port           = 443
  cidr_blocks       = ["10.0.0.0/16"]
  description       = "HTTPS to the VPC"
}

output "security_group_ids" {
  value = [aws_security_group.app.id]
}
