provider "aws" {
  region = "eu-west-1"
}

resource "aws_security_group" "app" {
  name        = "app"
  description = "Application servers"
}

resource "aws_security_group" "cache" {
  name        = "cache"
  description = "Cache servers"
}

resource "aws_security_group_rule" "app_from_cache" {
  type                     = "ingress"
  security_group_id        = aws_security_group.app.id
  source_security_group_id = aws_security_group.cache.id
  description              = "Port 8080 from cache"
  from_port                = 8080
  to_port                  = 8080
  protocol                 = "tcp"
}

resource "aws_security_group_rule" "cache_from_app" {
  type                     = "ingress"
  security_group_id        = aws_security_group.cache.id
  source_security_group_id = aws_security_group.app.id
  description              = "Port 6379 from app"
  from_port                = 6379
  to_port                  = 6379
  protocol                 = "tcp"
}
