provider "aws" {
  region = "eu-west-1"
}

resource "aws_security_group" "app" {
  name        = "app"
  description = "Orders application"

  ingress {
    description = "Internal network"
    from_port   = 0
    to_port     = 65535
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }
}

resource "aws_vpc_security_group_ingress_rule" "metrics" {
  security_group_id = aws_security_group.app.id
  cidr_ipv4         = "10.0.5.0/24"
  ip_protocol       = "tcp"
  from_port         = 9100
  to_port           = 9100
  description       = "Node exporter from the monitoring subnet"
}

output "security_group_ids" {
  value = [aws_security_group.app.id]
}
