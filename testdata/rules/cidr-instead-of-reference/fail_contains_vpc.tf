# A private range around the group's whole VPC is internal, not "outside the VPC".
resource "aws_vpc" "main" {
  cidr_block = "10.40.0.0/16"
}

resource "aws_security_group" "cache" {
  name        = "sessions-cache"
  description = "Session cache"
  vpc_id      = aws_vpc.main.id

  ingress {
    description = "Redis from anything in 10/8"
    from_port   = 6379
    to_port     = 6379
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }
}
