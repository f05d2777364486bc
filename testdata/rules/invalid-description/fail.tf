resource "aws_security_group" "db" {
  name        = "orders-db"
  description = "Orders app's database"

  ingress {
    description = "PostgreSQL from the app – primary"
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }
}

resource "aws_security_group" "cache" {
  name        = "orders-cache"
  description = "${var.team}'s cache"
}

resource "aws_vpc_security_group_ingress_rule" "redis" {
  security_group_id = aws_security_group.cache.id
  cidr_ipv4         = "10.0.0.0/16"
  ip_protocol       = "tcp"
  from_port         = 6379
  to_port           = 6379
  description       = "Redis from the orders application, which needs it for sessions, carts, rate limits, feature flags, idempotency keys, the outbox relay, search suggestions, recently viewed items, the price cache and more than fits in the two hundred and fifty five characters AWS allows"
}
