resource "aws_security_group" "game" {
  name        = "game-servers"
  description = "Game servers"

  ingress {
    description = "SSH for operators"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    description      = "Game traffic"
    from_port        = 7000
    to_port          = 7100
    protocol         = "udp"
    ipv6_cidr_blocks = ["::/0"]
  }
}

resource "aws_security_group_rule" "everything" {
  type              = "ingress"
  security_group_id = aws_security_group.game.id
  description       = "Temporary debugging"
  from_port         = 0
  to_port           = 0
  protocol          = "-1"
  cidr_blocks       = ["10.0.0.0/8", "0.0.0.0/0"]
}

resource "aws_vpc_security_group_ingress_rule" "databases" {
  security_group_id = aws_security_group.game.id
  description       = "Database range"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "6"
  from_port         = 3000
  to_port           = 6000
}

resource "aws_vpc_security_group_ingress_rule" "ping" {
  security_group_id = aws_security_group.game.id
  description       = "Ping"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "icmp"
  from_port         = 8
  to_port           = 0
}
