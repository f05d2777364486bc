provider "aws" {
  region = "eu-west-1"

  default_tags {
    tags = {
      Team = "platform"
    }
  }
}

resource "aws_security_group" "untagged" {
  name        = "untagged"
  description = "Orders application"
}

resource "aws_security_group" "named" {
  name        = "named"
  description = "Orders workers"
  tags        = {
    Name = "orders-workers"
  }
}

output "security_group_ids" {
  value = [aws_security_group.untagged.id, aws_security_group.named.id]
}
