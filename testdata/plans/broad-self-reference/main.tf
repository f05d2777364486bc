provider "aws" {
  region = "eu-west-1"
}

resource "aws_security_group" "cache" {
  name        = "cache"
  description = "Session cache cluster"

  ingress {
    description = "Cluster traffic"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    self        = true
  }
}

output "security_group_ids" {
  value = [aws_security_group.cache.id]
}
