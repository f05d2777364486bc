resource "aws_security_group" "game" {
  name        = "game-servers"
  description = "Game-Servers"

  ingress {
    description = "TODO"
    from_port   = 7777
    to_port     = 7777
    protocol    = "udp"
    cidr_blocks = ["10.0.0.0/16"]
  }
}

resource "aws_security_group" "lobby" {
  name        = "lobby"
  description = "security group"
}

resource "aws_vpc_security_group_egress_rule" "lobby_out" {
  security_group_id = aws_security_group.lobby.id
  cidr_ipv4         = "10.0.0.0/16"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  description       = "-"
}
