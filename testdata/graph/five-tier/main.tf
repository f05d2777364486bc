# The five-tier example of "Security group referencing" (seed 000), in Terraform: each tier
# accepts traffic only from the tier above it.

locals {
  vpc_id = "vpc-abc123"
}

resource "aws_security_group" "lb" {
  name        = "tier1-lb-sg"
  description = "Load balancer tier"
  vpc_id      = local.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "lb_from_internet" {
  security_group_id = aws_security_group.lb.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  description       = "HTTPS from the internet"
}

resource "aws_security_group" "web" {
  name        = "tier2-web-sg"
  description = "Web application tier"
  vpc_id      = local.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "web_from_lb" {
  security_group_id            = aws_security_group.web.id
  referenced_security_group_id = aws_security_group.lb.id
  ip_protocol                  = "tcp"
  from_port                    = 8080
  to_port                      = 8080
  description                  = "Web traffic from the load balancer"
}

resource "aws_security_group" "api" {
  name        = "tier3-api-sg"
  description = "API service tier"
  vpc_id      = local.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "api_from_web" {
  security_group_id            = aws_security_group.api.id
  referenced_security_group_id = aws_security_group.web.id
  ip_protocol                  = "tcp"
  from_port                    = 3000
  to_port                      = 3000
  description                  = "API calls from the web tier"
}

resource "aws_security_group" "cache" {
  name        = "tier4-cache-sg"
  description = "Cache tier (Redis/ElastiCache)"
  vpc_id      = local.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "cache_from_api" {
  security_group_id            = aws_security_group.cache.id
  referenced_security_group_id = aws_security_group.api.id
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
  description                  = "Redis from the API tier"
}

resource "aws_security_group" "db" {
  name        = "tier5-db-sg"
  description = "Database tier"
  vpc_id      = local.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "db_from_api" {
  security_group_id            = aws_security_group.db.id
  referenced_security_group_id = aws_security_group.api.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  description                  = "PostgreSQL from the API tier"
}
