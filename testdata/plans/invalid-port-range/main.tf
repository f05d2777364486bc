provider "aws" {
  region = "eu-west-1"
}

resource "aws_security_group" "app" {
  name        = "app"
  description = "Orders application"
}

resource "aws_vpc_security_group_egress_rule" "to_web" {
  security_group_id = aws_security_group.app.id
  cidr_ipv4         = "10.0.30.0/24"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 80
  description       = "HTTP and HTTPS to the web tier"
}

resource "aws_security_group_rule" "https" {
  security_group_id = aws_security_group.app.id
  type              = "ingress"
  protocol          = "https"
  from_port         = 443
  to_port           = 443
  cidr_blocks       = ["10.0.0.0/16"]
  description       = "HTTPS from the VPC"
}

output "security_group_ids" {
  value = [aws_security_group.app.id]
}
