resource "aws_security_group" "app" {
  name        = "app"
  description = "Orders application"
}

resource "aws_security_group_rule" "https" {
  type              = "ingress"
  security_group_id = aws_security_group.app.id
  protocol          = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_blocks       = ["10.8.0.0/16"]
  description       = "HTTPS from the VPN"
}

resource "aws_vpc_security_group_ingress_rule" "ping" {
  security_group_id = aws_security_group.app.id
  ip_protocol       = "icmp"
  from_port         = 8
  to_port           = 0
  cidr_ipv4         = "10.8.0.0/16"
  description       = "Echo requests from the VPN"
}

resource "aws_vpc_security_group_egress_rule" "all_out" {
  security_group_id = aws_security_group.app.id
  ip_protocol       = "-1"
  cidr_ipv4         = "10.8.0.0/16"
  description       = "Everything to the VPN"
}

# Rule resources take any ports with protocol -1: the provider drops them
# (aws_security_group_rule) or AWS ignores them (the VPC rule resources). all-ports-open says
# what such a rule really allows.
resource "aws_security_group_rule" "all_from_vpn" {
  type              = "ingress"
  security_group_id = aws_security_group.app.id
  protocol          = "-1"
  from_port         = 0
  to_port           = 65535
  cidr_blocks       = ["10.8.0.0/16"]
  description       = "Everything from the VPN"
}

resource "aws_vpc_security_group_ingress_rule" "all_from_vpn" {
  security_group_id = aws_security_group.app.id
  ip_protocol       = "-1"
  from_port         = -1
  to_port           = -1
  cidr_ipv4         = "10.8.0.0/16"
  description       = "Everything from the VPN, in the form AWS writes"
}

resource "aws_vpc_security_group_egress_rule" "postgres" {
  security_group_id = aws_security_group.app.id
  ip_protocol       = "-1"
  from_port         = 5432
  to_port           = 5432
  cidr_ipv4         = "10.8.0.0/16"
  description       = "PostgreSQL to the VPN, widened by AWS"
}
