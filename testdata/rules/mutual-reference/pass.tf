# An egress on A to B plus an ingress on B from A is one flow, not a mutual pair.
resource "aws_security_group" "app" {
  name        = "orders-app"
  description = "Orders app"

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

  # A self reference is not a pair.
  ingress {
    description = "Replication between members"
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    self        = true
  }
}

resource "aws_security_group_rule" "db_self" {
  type                     = "ingress"
  security_group_id        = aws_security_group.db.id
  source_security_group_id = aws_security_group.db.id
  from_port                = 8008
  to_port                  = 8008
  protocol                 = "tcp"
  description              = "Patroni API between members"
}

# A group reference that is not known never makes a pair.
variable "peer" {}

resource "aws_security_group_rule" "app_from_unknown" {
  type                     = "ingress"
  security_group_id        = aws_security_group.app.id
  source_security_group_id = var.peer
  from_port                = 80
  to_port                  = 80
  protocol                 = "tcp"
  description              = "From a peer"
}

# External groups (data sources, module outputs, literal ids) are kept as such.
resource "aws_security_group_rule" "app_from_shared" {
  type                     = "ingress"
  security_group_id        = aws_security_group.app.id
  source_security_group_id = data.aws_security_group.shared.id
  from_port                = 80
  to_port                  = 80
  protocol                 = "tcp"
  description              = "From the shared group"
}
