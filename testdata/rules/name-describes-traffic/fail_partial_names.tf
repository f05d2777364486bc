# Names built from variables keep their literal words: `ssh`, `allow` and `https` are seen even
# though `var.env` is not known.
variable "name" {
  type = string
}

variable "env" {
  type = string
}

resource "aws_security_group" "bastion" {
  name        = format("%s-%s-external-ssh", var.name, var.env)
  description = "Bastion hosts"
}

resource "aws_security_group" "jump" {
  name        = join("-", [var.env, "ssh", "jump"])
  description = "Jump hosts"
}

resource "aws_security_group" "web" {
  name        = lower("${var.env}-Allow-HTTPS")
  description = "Web front ends"
}

resource "aws_security_group" "desktops" {
  name        = replace("${var.env}_allow_rdp", "_", "-")
  description = "Remote desktops"
}
