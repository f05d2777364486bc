resource "aws_security_group" "app" {
  name        = "orders-app"
  description = "Orders application"

  egress {
    description     = "PostgreSQL to the database"
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = [aws_security_group.db.id]
  }
}

resource "aws_security_group" "db" {
  name        = "orders-db"
  description = "Orders database"

  ingress {
    description     = "PostgreSQL from the app"
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = [aws_security_group.app.id]
  }
}

resource "aws_security_group" "a" {
  name        = "ring-a"
  description = "Ring member A"

  dynamic "ingress" {
    for_each = [1]
    content {
      description     = "From B"
      from_port       = 80
      to_port         = 80
      protocol        = "tcp"
      security_groups = [aws_security_group.b.id]
    }
  }
}

resource "aws_security_group" "b" {
  name        = "ring-b"
  description = "Ring member B"

  ingress {
    description     = "From C"
    from_port       = 80
    to_port         = 80
    protocol        = "tcp"
    security_groups = [aws_security_group.c.id]
  }
}

resource "aws_security_group" "c" {
  name        = "ring-c"
  description = "Ring member C"

  egress {
    description     = "To A"
    from_port       = 80
    to_port         = 80
    protocol        = "tcp"
    security_groups = [aws_security_group.a.id]
  }
}
