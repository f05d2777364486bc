resource "aws_security_group" "edge" {
  name        = "edge-proxies"
  description = "Edge proxies"

  # Ping from the internet: a note, it tells scanners the host is there.
  ingress {
    description = "Echo requests"
    from_port   = 8
    to_port     = 0
    protocol    = "icmp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# Every ICMP type: a warning.
resource "aws_security_group_rule" "any_icmp" {
  type              = "ingress"
  security_group_id = aws_security_group.edge.id
  description       = "Any ICMP"
  from_port         = -1
  to_port           = -1
  protocol          = "icmp"
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_vpc_security_group_ingress_rule" "ping6" {
  security_group_id = aws_security_group.edge.id
  description       = "Echo requests over IPv6"
  ip_protocol       = "icmpv6"
  from_port         = 128
  to_port           = 0
  cidr_ipv6         = "::/0"
}
