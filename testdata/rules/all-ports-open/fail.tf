resource "aws_security_group" "game" {
  name        = "game-servers"
  description = "Game servers"

  ingress {
    description = "Everything from the office"
    from_port   = 0
    to_port     = 65535
    protocol    = "tcp"
    cidr_blocks = ["203.0.113.0/24"]
  }

  egress {
    description     = "Everything to the S3 endpoint"
    from_port       = 0
    to_port         = 0
    protocol        = "-1"
    prefix_list_ids = ["pl-63a5400a"]
  }
}

resource "aws_security_group_rule" "partners" {
  type              = "ingress"
  security_group_id = aws_security_group.game.id
  description       = "Partners"
  from_port         = 0
  to_port           = 65535
  protocol          = "udp"
  ipv6_cidr_blocks  = ["2001:db8::/32"]
}

resource "aws_vpc_security_group_ingress_rule" "vpn" {
  security_group_id = aws_security_group.game.id
  description       = "VPN clients"
  cidr_ipv4         = "172.16.0.0/12"
  ip_protocol       = "-1"
}
