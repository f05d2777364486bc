module "network" {
  source = "./modules/network"

  # Passed down three levels, to the bastion hosts' group.
  office_cidrs = ["0.0.0.0/0"]
}

resource "aws_instance" "bastion" {
  ami                    = "ami-12345678"
  instance_type          = "t3.micro"
  vpc_security_group_ids = [module.network.bastion_group_id]
}
