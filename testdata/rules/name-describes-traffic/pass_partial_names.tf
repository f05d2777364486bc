variable "env" {
  type = string
}

resource "aws_security_group" "orders" {
  name        = format("orders-api-%s", var.env)
  description = "Orders API"
}

resource "aws_security_group" "game" {
  name        = lower(join("-", ["Game", "Servers", var.env]))
  description = "Game servers"
}
