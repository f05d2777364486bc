provider "aws" {
  region = "eu-west-1"
}

resource "aws_security_group" "bastion" {
  name        = "bastion"
  description = "Bastion hosts"

  ingress {
    description = "SSH from anywhere"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_vpc_security_group_ingress_rule" "metrics" {
  security_group_id = aws_security_group.bastion.id
  cidr_ipv6         = "::/0"
  ip_protocol       = "tcp"
  from_port         = 9100
  to_port           = 9100
  description       = "Metrics from anywhere"
}

output "security_group_ids" {
  value = [aws_security_group.bastion.id]
}
