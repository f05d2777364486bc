resource "aws_security_group" "app" {
  name        = "app"
  description = "Orders application"
}

resource "aws_security_group_rule" "gossip" {
  type              = "ingress"
  security_group_id = aws_security_group.app.id
  protocol          = "tcp"
  from_port         = 7946
  to_port           = 7946
  self              = true
  description       = "Cluster gossip between members"
}

resource "aws_vpc_security_group_ingress_rule" "raft" {
  security_group_id            = aws_security_group.app.id
  ip_protocol                  = "tcp"
  from_port                    = 8300
  to_port                      = 8300
  referenced_security_group_id = aws_security_group.app.id
  description                  = "Raft between members"
}

resource "aws_vpc_security_group_egress_rule" "gossip_out" {
  security_group_id            = aws_security_group.app.id
  ip_protocol                  = "udp"
  from_port                    = 7946
  to_port                      = 7946
  referenced_security_group_id = aws_security_group.app.id
  description                  = "Cluster gossip to members"
}
