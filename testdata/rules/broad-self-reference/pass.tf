resource "aws_security_group" "cache" {
  name        = "session-cache"
  description = "Session cache cluster"

  ingress {
    description = "Cluster bus between cache nodes"
    from_port   = 16379
    to_port     = 16379
    protocol    = "tcp"
    self        = true
  }
}

resource "aws_security_group" "app" {
  name        = "session-app"
  description = "Session application"
}

resource "aws_vpc_security_group_ingress_rule" "app_to_cache" {
  security_group_id            = aws_security_group.cache.id
  referenced_security_group_id = aws_security_group.app.id
  description                  = "Every port from the app is not a self reference"
  ip_protocol                  = "-1"
}
