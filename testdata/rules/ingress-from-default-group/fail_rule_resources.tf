# Rule resources naming the default group: by its resource, and by the VPC's
# `default_security_group_id` without declaring it.
resource "aws_vpc" "main" {
  cidr_block = "10.40.0.0/16"
}

resource "aws_default_security_group" "default" {
  vpc_id = aws_vpc.main.id
}

resource "aws_security_group" "cache" {
  name        = "sessions-cache"
  description = "Session cache"
  vpc_id      = aws_vpc.main.id
}

resource "aws_security_group_rule" "cache_from_default" {
  type                     = "ingress"
  security_group_id        = aws_security_group.cache.id
  source_security_group_id = aws_vpc.main.default_security_group_id
  protocol                 = "tcp"
  from_port                = 6379
  to_port                  = 6379
  description              = "Redis from the web servers"
}

resource "aws_vpc_security_group_ingress_rule" "cache_from_default_group" {
  security_group_id            = aws_security_group.cache.id
  referenced_security_group_id = aws_default_security_group.default.id
  ip_protocol                  = "-1"
  description                  = "Everything from the web servers"
}
