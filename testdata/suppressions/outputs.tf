# The groups are attached by the module's callers.
output "security_group_ids" {
  value = [
    aws_security_group.legacy.id,
    aws_security_group.bastion.id,
    aws_security_group.batch.id,
  ]
}
