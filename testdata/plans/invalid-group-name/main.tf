provider "aws" {
  region = "eu-west-1"
}

resource "aws_security_group" "sg-orders" {
  name        = "sg-orders"
  description = "Orders application"
}

output "security_group_ids" {
  value = [aws_security_group.sg-orders.id]
}
