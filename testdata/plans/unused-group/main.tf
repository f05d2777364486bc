provider "aws" {
  region = "eu-west-1"
}

resource "aws_security_group" "game" {
  name        = "game"
  description = "Production game servers"
}

resource "aws_security_group" "lb" {
  name        = "lb"
  description = "Production game load balancer"
}

resource "aws_vpc_security_group_ingress_rule" "game_from_lb" {
  security_group_id            = aws_security_group.game.id
  referenced_security_group_id = aws_security_group.lb.id
  ip_protocol                  = "tcp"
  from_port                    = 7777
  to_port                      = 7777
  description                  = "Game traffic from the load balancer"
}
