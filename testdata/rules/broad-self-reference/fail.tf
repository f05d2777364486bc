resource "aws_security_group" "cache" {
  name        = "session-cache"
  description = "Session cache cluster"

  ingress {
    description = "Cluster traffic"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    self        = true
  }
}

resource "aws_security_group_rule" "cache_members" {
  type                     = "ingress"
  security_group_id        = aws_security_group.cache.id
  source_security_group_id = aws_security_group.cache.id
  description              = "Every TCP port between members"
  from_port                = 0
  to_port                  = 65535
  protocol                 = "tcp"
}

resource "aws_vpc_security_group_egress_rule" "to_members" {
  security_group_id            = aws_security_group.cache.id
  referenced_security_group_id = aws_security_group.cache.id
  description                  = "Everything to other members"
  ip_protocol                  = "-1"
}
