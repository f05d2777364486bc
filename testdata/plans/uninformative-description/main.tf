provider "aws" {
  region = "eu-west-1"
}

resource "aws_security_group" "game" {
  name        = "game"
  description = "game"
}

resource "aws_security_group_rule" "game_udp" {
  security_group_id = aws_security_group.game.id
  type              = "ingress"
  protocol          = "udp"
  from_port         = 7777
  to_port           = 7777
  cidr_blocks       = ["10.0.0.0/16"]
  description       = "TODO"
}

output "security_group_ids" {
  value = [aws_security_group.game.id]
}
