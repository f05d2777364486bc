resource "aws_security_group" "cache" {
  name        = "session-cache"
  description = "Session cache cluster"
}

resource "aws_vpc_security_group_ingress_rule" "from_members" {
  security_group_id            = aws_security_group.cache.id
  referenced_security_group_id = aws_security_group.cache.id
  ip_protocol                  = "tcp"
  from_port                    = 0
  to_port                      = 65535
  description                  = "Every TCP port from other members"
}
