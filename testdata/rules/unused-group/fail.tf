resource "aws_security_group" "game" {
  name        = "game-servers-production"
  description = "Production game servers"
}

# Its own rules do not use it.
resource "aws_security_group" "leftover" {
  count       = 2
  name        = "leftover-${count.index}"
  description = "Left over from the old cluster"
}

resource "aws_vpc_security_group_ingress_rule" "leftover_https" {
  count                        = 2
  security_group_id            = aws_security_group.leftover[count.index].id
  referenced_security_group_id = var.lb_security_group_id
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  description                  = "HTTPS from the load balancer"
}

moved {
  from = aws_security_group.old
  to   = aws_security_group.game
}
