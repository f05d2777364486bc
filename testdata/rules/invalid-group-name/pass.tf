resource "aws_security_group" "db" {
  name        = "orders-db [primary] (eu-west-1)"
  description = "Orders database"
}

resource "aws_security_group" "cache" {
  name_prefix = "${var.environment}-sg-cache-"
  description = "Orders cache"
}

resource "aws_security_group" "queue" {
  name        = var.name
  description = "Orders queue consumers"
}
