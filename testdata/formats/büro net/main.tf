resource "aws_security_group" "allow_ssh" {
  name        = "allow-ssh-22"
  description = "Office bastion"
}
