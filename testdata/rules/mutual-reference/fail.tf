# Seed 001's circular reference: each group accepts the other (inline rules).
resource "aws_security_group" "a" {
  name        = "service-a"
  description = "Service A"

  ingress {
    description     = "From B"
    from_port       = 8080
    to_port         = 8080
    protocol        = "tcp"
    security_groups = [aws_security_group.b.id]
  }
}

resource "aws_security_group" "b" {
  name        = "service-b"
  description = "Service B"
}

# Any mix of origins: B accepts A through a rule resource.
resource "aws_security_group_rule" "b_from_a" {
  type                     = "ingress"
  security_group_id        = aws_security_group.b.id
  source_security_group_id = aws_security_group.a.id
  from_port                = 9090
  to_port                  = 9090
  protocol                 = "tcp"
  description              = "From A"
}

# With count, through splats and legacy interpolation.
resource "aws_security_group" "web" {
  count       = 1
  name        = "web"
  description = "Web"
}

resource "aws_security_group" "api" {
  name        = "api"
  description = "API"
}

resource "aws_vpc_security_group_ingress_rule" "api_from_web" {
  security_group_id            = aws_security_group.api.id
  referenced_security_group_id = aws_security_group.web[0].id
  ip_protocol                  = "tcp"
  from_port                    = 3000
  to_port                      = 3000
  description                  = "API from web"
}

resource "aws_security_group_rule" "web_from_api" {
  type                     = "ingress"
  security_group_id        = "${aws_security_group.web.*.id[0]}"
  source_security_group_id = aws_security_group.api.id
  from_port                = 8080
  to_port                  = 8080
  protocol                 = "tcp"
  description              = "Web from API"
}
