resource "aws_default_security_group" "default" {
  vpc_id = var.vpc_id
}

resource "aws_security_group_rule" "default_ssh" {
  type              = "ingress"
  security_group_id = aws_default_security_group.default.id
  protocol          = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_blocks       = ["10.0.0.0/16"]
  description       = "SSH from the VPC"
}

resource "aws_vpc_security_group_egress_rule" "default_https" {
  security_group_id = aws_default_security_group.default.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  description       = "HTTPS to anywhere"
}
