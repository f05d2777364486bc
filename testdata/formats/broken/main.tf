resource "aws_security_group" "half" {
  name = "half-written"
