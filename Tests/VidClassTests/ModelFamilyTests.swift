import Testing

@testable import VidClass

/// Every architecture has a family, and the families' facts are those the rest of vidclass relies on: what
/// converted bundles record, what head-only bundles borrow, how each samples by default.
@Suite struct ModelFamilyTests {
    @Test(arguments: BackboneArchitecture.allCases)
    func everyArchitectureHasAFamilyConsistentWithItsNetwork(architecture: BackboneArchitecture) {
        let family = architecture.family
        #expect(family.seesClips == architecture.isClipNetwork)
        #expect(family.defaultSamplingMethod == (family.seesClips ? SamplingRequest.Method.stride : .uniform))
        #expect(family.defaultClips >= 1 && family.defaultFrames >= 1 && family.defaultTrainingFrames >= 1)
        #expect(!family.pretrainedClassifierName(of: architecture).isEmpty)
        #expect(family.pretrainedPreprocess.cropSize == 224)
    }

    @Test func clipAndImageFamiliesDifferWhereTheyShould() {
        let i3d = BackboneArchitecture.i3d.family
        #expect(i3d.defaultFrames == 64 && i3d.defaultStrideStep == 1 && i3d.defaultClips == 3)
        #expect(i3d.installedBundleName == ModelBundle.kinetics400FileName)
        let image = BackboneArchitecture.resNet50.family
        #expect(image.defaultFrames == 16 && image.defaultStrideStep == 2 && image.defaultClips == 1)
        #expect(image.installedBundleName == ModelBundle.defaultFileName)
        #expect(BackboneArchitecture.i3d.defaultSampling() == .clips(count: 3, frames: 64, step: 1, policy: .loop))
    }
}
