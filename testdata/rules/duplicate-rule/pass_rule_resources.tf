resource "aws_security_group" "app" {
  name        = "app"
  description = "Orders application"
}

# The same port and source in the other direction is another permission.
resource "aws_security_group_rule" "https_in" {
  type              = "ingress"
  security_group_id = aws_security_group.app.id
  protocol          = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_blocks       = ["10.8.0.0/16"]
  description       = "HTTPS from the VPN"
}

# The same port over UDP is another permission.
resource "aws_vpc_security_group_ingress_rule" "quic_in" {
  security_group_id = aws_security_group.app.id
  ip_protocol       = "udp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "10.8.0.0/16"
  description       = "QUIC from the VPN"
}

resource "aws_vpc_security_group_egress_rule" "https_out" {
  security_group_id = aws_security_group.app.id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "10.8.0.0/16"
  description       = "HTTPS to the VPN"
}
