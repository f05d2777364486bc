resource "aws_security_group" "game" {
  name        = "game-servers-production"
  description = "Production game servers"
}

resource "aws_security_group" "lb" {
  name        = "game-lb-production"
  description = "Production game load balancer"
}

resource "aws_security_group" "monitoring" {
  name        = "monitoring"
  description = "Monitoring agents"
}

resource "aws_security_group" "bastion" {
  name        = "bastion"
  description = "Bastion hosts"
}

# The default group always exists.
resource "aws_default_security_group" "default" {
  vpc_id = var.vpc_id
}

resource "aws_instance" "game" {
  ami                    = "ami-0abcdef1234567890"
  instance_type          = "c7g.large"
  vpc_security_group_ids = ["${aws_security_group.game.id}"]
}

# A rule of another group references it.
resource "aws_vpc_security_group_ingress_rule" "game_from_lb" {
  security_group_id            = aws_security_group.game.id
  referenced_security_group_id = aws_security_group.lb.id
  ip_protocol                  = "tcp"
  from_port                    = 7777
  to_port                      = 7777
  description                  = "Game traffic from the load balancer"
}

module "agents" {
  source            = "./agents"
  security_group_id = aws_security_group.monitoring.id
}

output "bastion_security_group_id" {
  value = aws_security_group.bastion.id
}
