resource "aws_security_group" "game" {
  name        = "game-servers"
  description = "Production game servers"
}

resource "aws_security_group_rule" "game_udp" {
  type              = "ingress"
  security_group_id = aws_security_group.game.id
  protocol          = "udp"
  from_port         = 7777
  to_port           = 7777
  cidr_blocks       = ["10.0.0.0/16"]
  description       = "TODO"
}

resource "aws_vpc_security_group_ingress_rule" "game_admin" {
  security_group_id = aws_security_group.game.id
  cidr_ipv4         = "10.0.0.0/16"
  ip_protocol       = "tcp"
  from_port         = 8443
  to_port           = 8443
  description       = "test"
}
