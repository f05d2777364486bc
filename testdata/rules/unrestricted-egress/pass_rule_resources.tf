resource "aws_security_group" "app" {
  name        = "app"
  description = "Orders application"
}

resource "aws_security_group_rule" "https_out" {
  type              = "egress"
  security_group_id = aws_security_group.app.id
  protocol          = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_blocks       = ["0.0.0.0/0"]
  description       = "HTTPS to anywhere"
}

resource "aws_vpc_security_group_ingress_rule" "all_in" {
  security_group_id = aws_security_group.app.id
  ip_protocol       = "-1"
  cidr_ipv4         = "10.8.0.0/16"
  description       = "Everything from the VPN"
}

resource "aws_vpc_security_group_egress_rule" "all_to_vpn" {
  security_group_id = aws_security_group.app.id
  ip_protocol       = "-1"
  cidr_ipv4         = "10.8.0.0/16"
  description       = "Everything to the VPN"
}
