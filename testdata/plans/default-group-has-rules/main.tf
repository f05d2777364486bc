provider "aws" {
  region = "eu-west-1"
}

resource "aws_default_security_group" "default" {

  ingress {
    description = "Everything from members"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    self        = true
  }
}

resource "aws_vpc" "main" {
  cidr_block = "10.60.0.0/16"
}

resource "aws_vpc_security_group_ingress_rule" "office_ssh" {
  security_group_id = aws_vpc.main.default_security_group_id
  cidr_ipv4         = "198.51.100.0/24"
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
  description       = "SSH from the office"
}
