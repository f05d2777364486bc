# Two groups linked only by ICMP error reports and echo are not a mutual pair.
resource "aws_security_group" "app" {
  name        = "orders-app"
  description = "Orders app"

  ingress {
    description     = "Path-MTU discovery from the database"
    from_port       = 3
    to_port         = 4
    protocol        = "icmp"
    security_groups = [aws_security_group.db.id]
  }
}

resource "aws_security_group" "db" {
  name        = "orders-db"
  description = "Orders database"
}

resource "aws_security_group_rule" "db_ping" {
  type                     = "ingress"
  security_group_id        = aws_security_group.db.id
  description              = "Echo from the app"
  from_port                = 8
  to_port                  = 0
  protocol                 = "icmp"
  source_security_group_id = aws_security_group.app.id
}
