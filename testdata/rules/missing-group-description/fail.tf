resource "aws_security_group" "absent" {
  name = "orders-db"
}

resource "aws_security_group" "empty" {
  name        = "orders-app"
  description = ""
}

resource "aws_security_group" "default_text" {
  name        = "orders-cache"
  description = "Managed by Terraform"
}

# Known through a variable default.
variable "description" { default = "" }

resource "aws_security_group" "from_variable" {
  name        = "orders-queue"
  description = var.description
}

# Every instance of a counted group shares one finding.
resource "aws_security_group" "counted" {
  count = 2
  name  = "orders-worker-${count.index}"
}
