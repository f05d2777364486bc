resource "aws_instance" "game" {
  ami                    = "ami-0abcdef1234567890"
  instance_type          = "c7g.large"
  vpc_security_group_ids = [aws_security_group.game_servers.id, aws_security_group.monitoring.id]
}

# The same group twice is one group.
resource "aws_db_instance" "orders" {
  instance_class         = "db.t4g.micro"
  vpc_security_group_ids = ["sg-01", "sg-02", "sg-03", "sg-04", "sg-05", "sg-05"]
}

# The length of the list is not known before apply.
resource "aws_lb" "public" {
  name            = "public"
  security_groups = concat([aws_security_group.lb.id], var.extra_security_group_ids)
}

# Inside a security group, `security_groups` are rule sources, not attachments.
resource "aws_security_group" "db" {
  name        = "orders-db"
  description = "Orders database"

  ingress {
    description     = "PostgreSQL from the application tiers"
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = ["sg-01", "sg-02", "sg-03", "sg-04", "sg-05", "sg-06"]
  }
}
