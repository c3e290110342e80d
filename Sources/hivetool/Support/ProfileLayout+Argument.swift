import ArgumentParser
import HivetoolKit

/// `--layout` of the profile repairs; argument-parser lists the values in the help.
extension ProfileLayout: ExpressibleByArgument {}
