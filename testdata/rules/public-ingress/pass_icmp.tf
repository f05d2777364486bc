# ICMP error reports open no service. AWS asks for "fragmentation needed" (type 3 code 4) from
# anywhere so that path-MTU discovery works, and ICMPv6 "packet too big" (type 2) likewise.
resource "aws_security_group" "edge" {
  name        = "edge-proxies"
  description = "Edge proxies"

  ingress {
    description = "Path-MTU discovery"
    from_port   = 3
    to_port     = 4
    protocol    = "icmp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group_rule" "unreachable" {
  type              = "ingress"
  security_group_id = aws_security_group.edge.id
  description       = "Destination unreachable, every code"
  from_port         = 3
  to_port           = -1
  protocol          = "icmp"
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_vpc_security_group_ingress_rule" "packet_too_big" {
  security_group_id = aws_security_group.edge.id
  description       = "Path-MTU discovery over IPv6"
  ip_protocol       = "icmpv6"
  from_port         = 2
  to_port           = 0
  cidr_ipv6         = "::/0"
}
