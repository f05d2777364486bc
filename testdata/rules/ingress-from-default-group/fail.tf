# The database accepts PostgreSQL from whatever lands in the VPC's default group.
resource "aws_vpc" "main" {
  cidr_block = "10.40.0.0/16"
}

resource "aws_default_security_group" "default" {
  vpc_id = aws_vpc.main.id
}

resource "aws_security_group" "db" {
  name        = "orders-db"
  description = "Orders database"
  vpc_id      = aws_vpc.main.id

  ingress {
    description     = "PostgreSQL from the app servers"
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = [aws_security_group.batch.id, aws_default_security_group.default.id]
  }
}

resource "aws_security_group" "batch" {
  name        = "orders-batch"
  description = "Orders batch jobs"
  vpc_id      = aws_vpc.main.id
}
