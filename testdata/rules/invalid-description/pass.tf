resource "aws_security_group" "db" {
  name        = "orders-db"
  description = "Orders database - PostgreSQL (primary) for app: orders/api #1, [eu-west-1] & more!"

  ingress {
    description = "${var.team} app"
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }
}

resource "aws_security_group" "cache" {
  name        = "orders-cache"
  description = var.description
}
