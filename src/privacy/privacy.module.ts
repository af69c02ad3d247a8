import { Global, Module } from '@nestjs/common';
import { SealedTexts } from './sealed-texts';

/** Free texts sealed per subject and erasable (§§ 61–68 SGB VIII, DSGVO Art. 17); every capability with free text uses it. */
@Global()
@Module({
  providers: [SealedTexts],
  exports: [SealedTexts],
})
export class PrivacyModule {}
