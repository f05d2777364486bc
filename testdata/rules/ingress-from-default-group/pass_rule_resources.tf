# Rule resources that reference named groups, and one that adds to the default group itself.
resource "aws_vpc" "main" {
  cidr_block = "10.40.0.0/16"
}

resource "aws_security_group" "web" {
  name        = "storefront-web"
  description = "Storefront web servers"
  vpc_id      = aws_vpc.main.id
}

resource "aws_security_group" "cache" {
  name        = "sessions-cache"
  description = "Session cache"
  vpc_id      = aws_vpc.main.id
}

resource "aws_security_group_rule" "cache_from_web" {
  type                     = "ingress"
  security_group_id        = aws_security_group.cache.id
  source_security_group_id = aws_security_group.web.id
  protocol                 = "tcp"
  from_port                = 6379
  to_port                  = 6379
  description              = "Redis from the web servers"
}

resource "aws_vpc_security_group_ingress_rule" "cache_from_web_v2" {
  security_group_id            = aws_security_group.cache.id
  referenced_security_group_id = aws_security_group.web.id
  ip_protocol                  = "tcp"
  from_port                    = 6380
  to_port                      = 6380
  description                  = "Redis TLS from the web servers"
}

resource "aws_vpc_security_group_ingress_rule" "default_from_web" {
  security_group_id            = aws_vpc.main.default_security_group_id
  referenced_security_group_id = aws_vpc.main.default_security_group_id
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  description                  = "HTTPS among default-group members"
}
