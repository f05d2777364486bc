# C accepts D through a rule resource, D accepts C inline.
resource "aws_security_group" "c" {
  name        = "service-c"
  description = "Service C"
}

resource "aws_security_group" "d" {
  name        = "service-d"
  description = "Service D"

  ingress {
    description     = "From C"
    from_port       = 8080
    to_port         = 8080
    protocol        = "tcp"
    security_groups = [aws_security_group.c.id]
  }
}

resource "aws_security_group_rule" "c_from_d" {
  type                     = "ingress"
  security_group_id        = aws_security_group.c.id
  source_security_group_id = aws_security_group.d.id
  from_port                = 9090
  to_port                  = 9090
  protocol                 = "tcp"
  description              = "From D"
}
