provider "aws" {
  region = "eu-west-1"
}

resource "aws_default_security_group" "default" {
}

resource "aws_security_group" "cache" {
  name        = "sessions-cache"
  description = "Session cache"
}

resource "aws_vpc_security_group_ingress_rule" "cache_from_default" {
  security_group_id            = aws_security_group.cache.id
  referenced_security_group_id = aws_default_security_group.default.id
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
  description                  = "Redis from the web servers"
}
