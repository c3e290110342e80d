import HivetoolKit

/// What `scan` does with one path, decided by the file's content: a disk image gives one record per
/// hive found in it, anything else is read as a hive file. (`hivetool` itself hands images to
/// `hivetool-images` through ``ImageWorker``; this is the same decision in one process.)
public enum ScanUnit {
    public static func records(path: String, options: ImageScan.Options) -> [ScanRecord] {
        if ImageSignature.isDiskImage(path: path) { return ImageScan(path: path, options: options).records() }
        return [ScanRecord.scan(path: path, options: options.openOptions, includingDeleted: options.includingDeleted,
                                includingOutlook: options.includingOutlook)]
    }
}
