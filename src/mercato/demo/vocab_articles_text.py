# ruff: noqa: E501
"""Hand-written knowledge-base texts (format: see vocab_articles)."""

ARTICLES = """
@@ hyaluronic-acid-explained | ingredients | hyaluronic
T 玻尿酸成分解析：它为什么这么能“喝水” | Hyaluronic Acid Explained: Why It Holds So Much Water
Z 玻尿酸学名透明质酸，本来就存在于我们的皮肤里。它的分子像海绵一样，能吸附自身重量很多倍的水分，所以是最经典的保湿成分之一。
Z 护肤品里常见大、中、小不同分子量的玻尿酸：大分子在表面形成保湿膜，小分子能进入角质层补水。多种分子量复配，效果更全面。
Z 使用小贴士：在空气非常干燥的环境里，玻尿酸之后一定要叠加乳液或面霜锁水，否则水分可能反向被空气带走。
E Hyaluronic acid is already found in our skin. Its molecule works like a sponge, holding many times its own weight in water, which makes it one of the most reliable hydrating ingredients.
E Products often combine several molecular weights. Large molecules form a moisture film on the surface, while small ones hydrate within the outer layers of skin. A blend gives the most complete result.
E One tip: in very dry air, always follow hyaluronic acid with a lotion or cream. Without something to seal it in, the moisture can evaporate back into the air and leave skin feeling tight.
@@ niacinamide-guide | ingredients | niacinamide
T 烟酰胺：提亮肤色的全能选手 | Niacinamide: The All-Round Brightener
Z 烟酰胺是维生素B3的一种形式，能减少黑色素向表皮转运，从而改善暗沉、让肤色更均匀，同时还有助于控油和强化屏障。
Z 护肤品中常见的浓度在2%到5%之间，对多数人来说已经足够。初次使用建议从低浓度开始，隔天使用一周，没有刺痛泛红再改为每天使用。
Z 烟酰胺可以与玻尿酸、神经酰胺放心搭配，早晚都能用；白天使用时记得做好防晒，提亮效果会更明显。
E Niacinamide is a form of vitamin B3. It reduces the transfer of pigment to the skin's surface, which lifts dullness and evens out tone, and it also helps control oil and strengthen the barrier.
E Most products contain between 2% and 5%, which is plenty for most people. If you are new to it, start with a lower strength every other day for a week, and move to daily use if there is no stinging or redness.
E It pairs happily with hyaluronic acid and ceramides and can be used morning and night. Wear sunscreen during the day to see the best brightening results.
@@ ceramides-and-skin-barrier | ingredients | ceramide
T 神经酰胺与皮肤屏障 | Ceramides and the Skin Barrier
Z 如果把皮肤角质层比作一面砖墙，角质细胞是砖，神经酰胺、胆固醇和脂肪酸就是砖缝里的“水泥”。神经酰胺约占这层脂质的一半。
Z 当屏障受损，皮肤会出现干燥、紧绷、泛红和刺痛。外用神经酰胺，尤其是与胆固醇、脂肪酸按合理比例复配，能帮助修补“水泥”，减少水分流失。
Z 敏感期建议精简护肤步骤，暂停酸类和A醇，用温和洁面加含神经酰胺的面霜，通常两到四周就能感受到明显改善。
E Think of the outer layer of skin as a brick wall: skin cells are the bricks and ceramides, cholesterol and fatty acids are the mortar. Ceramides make up about half of that mortar.
E When the barrier is damaged, skin turns dry, tight, red and stingy. Applying ceramides, especially alongside cholesterol and fatty acids in sensible proportions, helps repair the mortar and reduce water loss.
E During a sensitive spell, simplify your routine: pause acids and retinol, and use a gentle cleanser with a ceramide cream. Most people notice a clear improvement within two to four weeks.
@@ retinol-for-beginners | ingredients | retinol
T A醇新手指南 | Retinol for Beginners
Z A醇是被研究得最充分的抗老成分之一，能促进角质更新、刺激胶原蛋白生成，长期使用可以改善细纹和粗糙。
Z 新手建议从0.1%左右的低浓度开始，每周使用两到三次，只在晚上使用，用量为黄豆大小。出现轻微脱皮或泛红属于常见的适应反应，可以减少频率，但不要叠加去角质产品。
Z A醇会让皮肤对阳光更敏感，第二天务必做好防晒。孕期和哺乳期请避免使用。
E Retinol is one of the best-studied anti-ageing ingredients. It speeds up cell turnover and stimulates collagen, and over time it softens fine lines and rough texture.
E Beginners should start around 0.1%, two or three evenings a week, using a pea-sized amount at night only. Mild flaking or redness is a common adjustment reaction; reduce how often you use it, and do not layer it with exfoliants.
E Retinol makes skin more sensitive to the sun, so wear sunscreen the following day without fail. Avoid it during pregnancy and while breastfeeding.
@@ vitamin-c-brightening | ingredients | vitamin-c
T 维C护肤：稳定性才是关键 | Vitamin C Skincare: Stability Is Everything
Z 维C是强效的抗氧化成分，可以帮助抵御紫外线和污染带来的自由基损伤，并抑制黑色素生成，让肤色更透亮。
Z 纯维C很容易氧化变黄，失去效果，所以很多产品选用更稳定的维C衍生物，或采用避光、真空包装。如果精华颜色明显变深，说明已经氧化，不建议继续使用。
Z 维C适合早上使用，与防晒搭配效果更好。敏感肌可以先选衍生物类型，刺激性更低。
E Vitamin C is a powerful antioxidant. It helps defend against free-radical damage from UV and pollution and slows pigment production for a brighter complexion.
E Pure vitamin C oxidises easily, turning yellow and losing its effect, so many products use more stable derivatives or light-blocking, airless packaging. If a serum has darkened noticeably, it has oxidised and is best replaced.
E Vitamin C works well in the morning, where it boosts the protection of your sunscreen. If your skin is sensitive, start with a derivative, which is much less likely to irritate.
@@ centella-for-sensitive-skin | ingredients | centella calendula oat
T 积雪草与舒缓成分：敏感肌的好帮手 | Centella and Other Soothers for Sensitive Skin
Z 积雪草在传统医学中用于帮助伤口愈合，它含有的积雪草苷、羟基积雪草苷等成分可以舒缓泛红、帮助修护。金盏花和燕麦同样是经典的舒缓成分。
Z 敏感肌挑选时可以注意三点：成分表尽量短，不含香精和酒精，产品做过人体斑贴测试。新品先在耳后或下颌处试用两三天再上脸。
Z 换季、晒后或熬夜后皮肤不稳定时，用含舒缓成分的精华或面膜做几天集中护理，往往比频繁更换产品更有效。
E Centella asiatica has long been used in traditional medicine to help wounds heal. Its active compounds, such as asiaticoside and madecassoside, calm redness and support repair. Calendula and oat are classic soothers too.
E When shopping for sensitive skin, look for three things: a short ingredient list, no fragrance or alcohol, and human patch testing. Try anything new behind the ear or along the jaw for two or three days first.
E When skin flares up with the seasons, after sun or after late nights, a few days of focused care with a soothing serum or mask usually works better than constantly switching products.
@@ amino-acid-cleansing | ingredients | amino-acid
T 氨基酸洁面为什么更温和 | Why Amino-Acid Cleansers Are Gentler
Z 洁面产品靠表面活性剂带走油脂和污垢。传统皂基清洁力强，但呈碱性，容易带走过多皮脂，洗后紧绷。氨基酸表活呈弱酸性，更接近皮肤的pH值，清洁温和。
Z 判断是否为氨基酸洁面，可以看成分表前几位：含有“椰油酰甘氨酸钾”“月桂酰谷氨酸钠”等名称的通常是氨基酸体系。
Z 氨基酸洁面适合干性、敏感和混合性肌肤；油性肌肤在夏天如果觉得不够清爽，可以晚上用氨基酸洁面，早上只用清水。
E Cleansers rely on surfactants to lift away oil and dirt. Traditional soap-based formulas clean strongly but are alkaline, so they can strip too much oil and leave skin tight. Amino-acid surfactants are mildly acidic, closer to skin's own pH, and much gentler.
E To check, read the first few ingredients: names such as potassium cocoyl glycinate or sodium lauroyl glutamate usually mean an amino-acid system.
E These cleansers suit dry, sensitive and combination skin. If oily skin feels it needs more in summer, use the amino-acid cleanser at night and plain water in the morning.
@@ spf-and-pa-explained | usage | sun-care spf mineral-spf
T 看懂防晒标识：SPF和PA是什么 | SPF and PA Explained
Z SPF衡量对UVB的防护能力，UVB主要导致晒红晒伤；PA衡量对UVA的防护能力，UVA会穿透云层和玻璃，是晒黑和光老化的主因，“+”越多防护越强。
Z 日常通勤选SPF30、PA+++即可；户外活动、海边度假选SPF50+、PA++++并带防水功能。物理防晒以氧化锌、二氧化钛为主，更温和；化学防晒质地轻薄，成膜更快。
Z 防晒效果的前提是足量：面部需要约一元硬币大小，出门前15分钟涂抹，出汗或擦拭后及时补涂。
E SPF measures protection from UVB, which mainly causes redness and burning. PA measures protection from UVA, which passes through clouds and glass and is the main cause of tanning and photo-ageing; the more plus signs, the stronger.
E For the daily commute, SPF30 PA+++ is enough. For outdoor activities or the beach, choose SPF50+ PA++++ with water resistance. Mineral filters such as zinc oxide are gentler, while chemical filters feel lighter and set faster.
E None of this works without enough product: about a coin-sized amount for the face, applied 15 minutes before going out and topped up after sweating or towelling.
@@ double-cleansing-guide | usage | makeup-remover cleanser
T 什么时候需要双重清洁 | When Do You Need to Double Cleanse?
Z 双重清洁指先用卸妆产品溶解彩妆和防晒，再用洁面清洗残留。化了底妆、眼妆，或者涂了防水防晒的日子，建议双重清洁。
Z 卸妆油和卸妆膏适合浓妆，关键在“乳化”：加少量水打圈，直到变成乳白色再冲洗。卸妆水适合淡妆和眼唇局部，用化妆棉敷一会儿再轻擦，避免反复摩擦。
Z 只涂了普通防晒或素颜的日子，一支温和洁面就够了，过度清洁反而会破坏皮肤屏障。
E Double cleansing means dissolving makeup and sunscreen with a remover first, then washing away the residue with a cleanser. It is worth doing on days with foundation, eye makeup or water-resistant sunscreen.
E Cleansing oils and balms suit heavier makeup, and the key is emulsifying: add a little water and massage until it turns milky before rinsing. Micellar water suits light makeup and eyes and lips; hold a soaked pad in place before wiping, instead of rubbing.
E On bare-skin days or with only a light sunscreen, one gentle cleanser is enough. Over-cleansing can damage the skin barrier.
@@ wool-care-guide | care | wool yak
T 羊毛衫洗护指南 | Wool Care Guide
Z 羊毛纤维表面有鳞片，遇到热水和揉搓会互相咬合，导致缩水和毡化。所以洗羊毛衫要记住三点：冷水或30℃以下温水，中性洗涤剂，轻压不揉搓。
Z 洗后不要拧干，用干毛巾卷起吸走水分，再平铺在通风处阴干，避免挂晾拉长变形。可机洗款请选择洗衣机的羊毛模式并装入洗衣袋。
Z 起球是正常现象，可以用毛球修剪器轻轻去除；收纳时叠放而不是悬挂，并放入樟木块或防虫包。
E Wool fibres are covered in tiny scales. Hot water and rubbing make the scales lock together, causing shrinking and felting. So remember three rules: cold water or below 30°C, a neutral detergent, and gentle pressing instead of rubbing.
E Never wring a sweater. Roll it in a dry towel to absorb the water, then lay it flat to dry in a well-ventilated spot, because hanging will stretch it. For machine-washable pieces, use the wool cycle and a laundry bag.
E Pilling is normal and can be removed with a fabric shaver. Store knitwear folded rather than hung, with cedar blocks or moth sachets.
@@ cashmere-care-guide | care | cashmere
T 羊绒衫的保养与收纳 | Caring for Cashmere
Z 羊绒纤维比羊毛更细更软，也更娇气。建议一季只洗一两次，平时穿后挂在通风处散味即可；需要清洗时优先手洗或干洗。
Z 手洗时用30℃以下的水加羊绒专用洗涤剂，浸泡不超过10分钟，轻轻按压后清水漂净。阴干时平铺，并在半干时整理好形状。
Z 收纳前务必洗净晾干，因为残留的汗渍和皮屑最容易招虫。叠好放进透气的收纳袋，和防虫剂放在一起，避免与粗糙的衣物摩擦。
E Cashmere fibres are finer and softer than wool, and more delicate too. Wash a cashmere sweater only once or twice a season; after wearing, simply air it somewhere well ventilated. When it does need cleaning, hand-wash or dry-clean.
E To hand-wash, use water below 30°C with a cashmere detergent, soak for no more than ten minutes, press gently and rinse. Dry it flat and reshape it while still half damp.
E Always clean and dry cashmere before storing it, because sweat and skin flakes attract moths. Fold it into a breathable bag with a moth repellent, away from rough fabrics.
@@ down-jacket-care | care | down down-jacket
T 羽绒服怎么洗才不结块 | Washing a Down Jacket Without Clumps
Z 羽绒服不建议频繁清洗，一个冬天洗一次就够了。局部脏污可以用软刷蘸稀释的中性洗涤剂轻刷，再用湿毛巾擦净。
Z 整件清洗时拉好拉链，翻面放入洗衣机，选择羽绒或轻柔模式，使用羽绒专用洗涤剂，不要加柔顺剂。脱水后平铺晾干，期间多次拍打，让羽绒重新蓬松。
Z 收纳时不要用真空袋长期压缩，会损伤羽绒的蓬松度。挂在衣柜里或宽松地放进透气袋即可。
E Down jackets do not need frequent washing; once a winter is usually enough. Spot-clean marks with a soft brush and diluted neutral detergent, then wipe with a damp towel.
E To wash the whole jacket, close the zips, turn it inside out and use the down or gentle cycle with a down detergent and no fabric softener. After spinning, lay it flat to dry and pat it regularly so the down fluffs up again.
E Do not store it compressed in a vacuum bag for months, as this damages the loft. Hang it in the wardrobe or place it loosely in a breathable bag.
@@ cotton-care-guide | care | cotton long-staple-cotton organic-cotton
T 纯棉衣物的洗涤与防缩 | Washing Cotton Without Shrinking It
Z 纯棉吸湿透气、亲肤柔软，但遇到高温容易缩水。日常洗涤建议用30℃左右的水，深浅颜色分开洗，新衣第一次单独洗以免串色。
Z 晾晒时先抖平再挂起，T恤从下摆穿入衣架，避免领口被撑大；深色衣物翻面晾晒，防止褪色。尽量避免高温烘干，如果使用烘干机，选择低温模式。
Z 长绒棉和有机棉纤维更长、更结实，越洗越柔软，按同样方式护理即可长久保持好手感。
E Cotton is absorbent, breathable and soft on the skin, but it shrinks in high heat. Wash at about 30°C, separate darks from lights, and wash new items alone the first time in case the dye runs.
E Shake garments out before hanging, slide hangers in through the hem of T-shirts so the neckline does not stretch, and turn dark clothes inside out to prevent fading. Avoid hot tumble drying; if you use a dryer, pick a low-heat setting.
E Long-staple and organic cotton have longer, stronger fibres that grow softer with every wash, and the same care keeps them feeling good for years.
@@ linen-care-guide | care | linen
T 亚麻衣物与床品怎么打理 | Caring for Linen
Z 亚麻是最古老的天然纤维之一，透气吸湿，越洗越软，天然的褶皱也是它的魅力所在。
Z 洗涤时用冷水或温水配合中性洗涤剂，选择轻柔模式，不要和带拉链、挂钩的衣物一起洗，以免勾丝。洗后趁湿抖平晾干，能减少褶皱。
Z 如果想要更平整，可以在半干时用中高温蒸汽熨烫。亚麻初次洗涤可能有轻微缩水，选购时可以参考商品页给出的洗后尺寸。
E Linen is one of the oldest natural fibres. It breathes, absorbs moisture and softens with every wash, and its natural creases are part of its charm.
E Wash in cold or warm water with a neutral detergent on a gentle cycle, and keep it apart from items with zips or hooks that can snag it. Shake it out while damp and hang it to dry to reduce wrinkles.
E For a smoother look, steam iron it on a medium to high setting while still slightly damp. Linen can shrink a little in the first wash, so check the after-wash measurements on the product page when choosing a size.
@@ leather-care-guide | care | leather suede sheepskin vegan-leather
T 皮鞋和皮具的日常保养 | Everyday Care for Leather Shoes and Bags
Z 真皮需要“呼吸”和“喝水”。皮鞋最好两双轮换穿，让汗气充分散去；穿后用软布擦去灰尘，放入鞋撑保持形状。
Z 每隔一两个月用皮革护理油或鞋油薄涂一层，能补充油分、防止干裂。淋雨后用干布吸干水分，放在阴凉处自然风干，千万不要用吹风机或暴晒。
Z 麂皮不要用鞋油，用麂皮专用刷顺着纹理刷除灰尘即可；素皮只需用湿布擦拭。长期不用的皮包塞入纸团保持形状，放进防尘袋。
E Leather needs to breathe and to be nourished. Rotate between two pairs of shoes so moisture can escape, wipe off dust with a soft cloth after wearing, and use shoe trees to keep the shape.
E Every month or two, apply a thin layer of leather conditioner or polish to replenish oils and prevent cracking. After rain, blot with a dry cloth and let them dry naturally somewhere cool; never use a hairdryer or direct sun.
E Do not polish suede; brush it along the nap with a suede brush instead. Vegan leather only needs a damp cloth. Stuff bags with paper and keep them in dust bags when not in use.
@@ preventing-nappy-rash | care | diaper calendula
T 如何预防红屁屁 | How to Prevent Nappy Rash
Z 红屁屁大多是因为皮肤长时间接触尿液和便便，加上闷热摩擦引起的。预防的关键是保持干爽：新生儿每2到3小时检查一次，便便后立即更换。
Z 清洁时用温水或无香湿巾从前往后擦拭，擦干后让小屁屁透气几分钟，再薄涂一层含氧化锌或金盏花的护臀膏，形成保护膜。
Z 纸尿裤尺码要合适，太紧会摩擦，太松会侧漏。如果红肿持续三天以上，或出现破皮、脓点，请及时就医。
E Nappy rash usually comes from skin staying in contact with urine and stools, made worse by heat and rubbing. The key is keeping the area dry: check newborns every two to three hours and change straight after a bowel movement.
E Clean from front to back with warm water or fragrance-free wipes, pat dry, let the skin breathe for a few minutes, then apply a thin layer of zinc oxide or calendula barrier cream.
E Make sure the diaper fits: too tight rubs and too loose leaks. If the redness lasts more than three days, or the skin breaks or blisters, see a doctor.
@@ sterilising-baby-bottles | care | feeding bottle-wash
T 奶瓶怎么清洗和消毒 | Cleaning and Sterilising Baby Bottles
Z 奶瓶用完要马上清洗：先用清水冲掉残留奶液，再用奶瓶刷配合奶瓶清洗剂刷洗瓶身、奶嘴和螺纹处，最后用流动清水冲净。
Z 6个月以内的宝宝，奶瓶建议每天至少消毒一次。可以沸水煮5分钟，或使用蒸汽消毒器；玻璃和PPSU耐高温，适合各种消毒方式，硅胶部件请按说明控制时间。
Z 消毒后放在干净通风处晾干，或使用带烘干功能的消毒器。奶嘴变硬、变黏或出现裂口时立即更换，一般2到3个月换一次。
E Wash bottles straight after use: rinse off the milk, scrub the bottle, teat and threads with a bottle brush and bottle wash, then rinse under running water.
E For babies under six months, sterilise bottles at least once a day. Boil them for five minutes or use a steam steriliser. Glass and PPSU handle high temperatures and any method; follow the instructions for silicone parts.
E Let everything air-dry somewhere clean and ventilated, or use a steriliser with a drying function. Replace teats as soon as they turn hard, sticky or cracked, usually every two to three months.
@@ class-a-baby-clothing | faq | baby-clothing bedding-set
T 什么是A类婴幼儿纺织品 | What Does Class A Mean for Baby Textiles?
Z 根据国家标准GB 18401，纺织品按安全等级分为A、B、C三类。A类要求最严格：甲醛含量不超过20mg/kg，pH值接近中性，色牢度更高，适用于36个月以内的婴幼儿。
Z 此外，GB 31701对婴幼儿服装提出了额外要求，比如不能使用可能被扯下误吞的小附件，绳带长度受到限制，以防勒伤。
Z 选购时请查看吊牌上的“安全技术类别”。即使是A类产品，新衣服也建议先用清水洗一遍再给宝宝穿。
E Under the Chinese standard GB 18401, textiles are graded A, B or C for safety. Class A is the strictest: formaldehyde no higher than 20 mg/kg, a near-neutral pH and better colourfastness. It is required for children under 36 months.
E GB 31701 adds rules for children's clothing, such as banning small attachments that could be pulled off and swallowed and limiting cord lengths to prevent strangulation.
E When buying, look for the safety category on the label. Even with Class A items, wash new clothes once in plain water before your baby wears them.
@@ toy-safety-checklist | faq | toys
T 玩具安全检查清单 | A Toy Safety Checklist
Z 国内销售的儿童玩具属于3C强制认证范围，购买时先确认包装上有3C标志和适用年龄。3岁以下的孩子避免小零件、小磁铁和纽扣电池。
Z 到手后做一个简单检查：边角是否圆润，有无毛刺和裂缝，零件是否牢固，油漆有无异味。木制玩具优先选择水性漆，硅胶玩具选择食品级材质。
Z 平时定期清洁玩具，布类玩具可以手洗，塑料和硅胶玩具用温水冲洗后晾干；发现破损及时收起来，不要修补后继续给小宝宝玩。
E Children's toys sold in China require compulsory CCC certification, so check the packaging for the CCC mark and the age range. Keep small parts, small magnets and button batteries away from under-threes.
E When a toy arrives, give it a quick check: rounded edges, no splinters or cracks, securely attached parts and no chemical smell. Choose water-based paint on wooden toys and food-grade silicone for teethers.
E Clean toys regularly: hand-wash fabric toys, and rinse plastic and silicone ones in warm water and air-dry them. Put broken toys away rather than patching them up for a baby.
@@ cast-iron-seasoning | care | material:CI
T 铸铁锅开锅与养锅 | Seasoning and Caring for Cast Iron
Z 铸铁锅保温性好、受热稳定，炖煮和煎烤都很出色，但需要“养”。新锅先用热水清洗擦干，小火烘干后在内壁薄涂一层食用油，继续加热十分钟，冷却后擦去多余油脂，这就是开锅。
Z 日常使用后趁热用热水和软刷清洗，尽量少用洗洁精，洗后立即擦干并小火烘干，再薄涂一层油。不要用铸铁锅长时间存放酸性食物。
Z 如果出现锈迹，用钢丝球擦掉后重新开锅即可，铸铁锅越用越好用。
E Cast iron holds and spreads heat superbly for braising and searing, but it needs seasoning. Wash a new pan in hot water, dry it over low heat, wipe a thin layer of cooking oil over the inside, heat for ten more minutes, then let it cool and wipe away the excess.
E After cooking, clean it while warm with hot water and a soft brush, using little or no detergent. Dry it straight away over low heat and wipe on a little oil. Avoid storing acidic food in it for long.
E If rust appears, scrub it off with steel wool and season the pan again. Cast iron only gets better with use.
@@ stainless-steel-304-vs-316 | ingredients | material:SS304 material:SS316 stainless-316
T 304和316不锈钢有什么区别 | 304 vs 316 Stainless Steel
Z 304和316都是食品级奥氏体不锈钢。304含约18%的铬和8%的镍，耐腐蚀、易加工，是厨具中最常见的材质。
Z 316在此基础上加入了2%左右的钼，对盐分和酸性物质的耐腐蚀能力更强，适合长时间煲汤、盛放果汁或茶饮。两者日常使用都很安全，区别主要在耐腐蚀程度和价格。
Z 不锈钢锅出现白色水垢或彩虹纹，可以用白醋或柠檬酸溶液擦拭去除，这并不影响使用安全。
E Both 304 and 316 are food-grade austenitic stainless steels. 304 contains about 18% chromium and 8% nickel; it resists corrosion, is easy to work and is the most common material in cookware.
E 316 adds around 2% molybdenum, which makes it more resistant to salt and acids. That suits long-simmered soups and bottles that hold juice or tea. Both are perfectly safe for everyday use; the differences are corrosion resistance and price.
E White limescale or rainbow marks on stainless steel wipe away with white vinegar or a citric acid solution, and they do not affect safety.
@@ non-stick-pan-care | care | material:NS honeycomb
T 不粘锅怎么用得更久 | Making a Non-Stick Pan Last
Z 不粘锅的涂层是“消耗品”，正确使用能让它多用几年。首先避免空烧，涂层在高温下会加速老化，先放油再开火，中小火就足够了。
Z 使用木铲或硅胶铲，不要用铁铲和钢丝球。刚炒完菜的热锅不要直接冲冷水，等稍微冷却后再用海绵和洗洁精清洗。
Z 当涂层出现明显划痕、起皮或不再不粘时，说明该换锅了。蜂窝纹锅面的凸起部分能保护涂层，耐用度更好，但同样需要避免空烧。
E A non-stick coating wears out eventually, but good habits can add years. Never heat the pan empty, because high heat ages the coating quickly. Add oil before turning on the heat; medium to low heat is all you need.
E Use wooden or silicone utensils, never metal spatulas or steel wool. Do not plunge a hot pan into cold water; let it cool a little, then wash it with a sponge and dish soap.
E When the coating is clearly scratched, peeling or sticking, it is time for a new pan. Honeycomb surfaces protect the coating with raised ridges and last longer, but they should not be heated empty either.
@@ insulated-bottle-cleaning | care | thermos tumbler sports-bottle
T 保温杯的清洁与除味 | Cleaning and Deodorising an Insulated Bottle
Z 保温杯最容易藏污的地方是杯盖和密封圈。每天用完后拆下密封圈，用温水和洗洁精清洗，杯身用长柄刷刷洗内壁，最后开盖晾干。
Z 如果有茶垢或咖啡渍，加入一勺小苏打和温水浸泡半小时，再刷洗冲净。出现异味时可以用柠檬片或白醋泡一晚。
Z 注意：保温杯不要装碳酸饮料和牛奶后长时间存放，也不要放进微波炉。杯身不建议进洗碗机，高温可能影响真空层的保温效果。
E The lid and seals are where grime hides. After each day, remove the seals and wash them in warm soapy water, scrub the inside with a long-handled brush, and leave everything open to dry.
E For tea or coffee stains, add a spoonful of baking soda and warm water, soak for half an hour, then scrub and rinse. For lingering smells, soak overnight with lemon slices or white vinegar.
E Do not keep fizzy drinks or milk in an insulated bottle for long, and never put it in the microwave. Avoid the dishwasher too, as the heat can damage the vacuum layer and reduce insulation.
@@ pour-over-basics | usage | brewer coffee
T 手冲咖啡入门 | Pour-Over Coffee for Beginners
Z 手冲需要四样东西：新鲜咖啡豆、细口手冲壶、滤杯滤纸和电子秤。建议从1比15的粉水比开始，15克咖啡粉配225毫升92℃左右的热水，研磨度接近细砂糖。
Z 先注入约30毫升水闷蒸30秒，让咖啡粉充分排气，再以画圈方式分两到三次注水，总萃取时间控制在2分到2分30秒。
Z 如果喝起来偏酸、单薄，可以把研磨调细一点；如果偏苦、涩口，就调粗一点。每次只改一个变量，很快就能找到自己喜欢的味道。
E Pour-over needs four things: fresh beans, a gooseneck kettle, a dripper with filters and a scale. Start at a 1:15 ratio, 15 g of coffee to 225 ml of water at about 92°C, ground roughly as fine as granulated sugar.
E Pour about 30 ml first and let it bloom for 30 seconds so the coffee can release gas. Then pour in slow circles in two or three stages, aiming for a total brew time of two to two and a half minutes.
E If the cup tastes sour or thin, grind a little finer; if it is bitter or dry, grind coarser. Change only one thing at a time and you will soon find the taste you like.
@@ borosilicate-glass | ingredients | material:GLASS
T 为什么选高硼硅玻璃 | Why Borosilicate Glass?
Z 高硼硅玻璃在普通玻璃中加入了硼元素，热膨胀系数只有普通钠钙玻璃的三分之一左右，因此能承受较大的冷热温差，不容易炸裂。
Z 它化学性质稳定，不含双酚A，不会与咖啡、茶或奶液发生反应，也不容易残留气味，所以常用于奶瓶、手冲壶、冷萃壶和实验室器皿。
Z 使用时仍需避免极端温差，比如刚倒完沸水就放进冰水中；清洗时用软海绵，避免硬物磕碰杯口。
E Borosilicate glass adds boron to ordinary glass, giving it about a third of the thermal expansion of standard soda-lime glass. That means it copes with large temperature changes without cracking.
E It is chemically stable and BPA-free. It does not react with coffee, tea or milk and does not hold on to smells, which is why it is used for baby bottles, pour-over servers, cold brew jars and lab equipment.
E Still avoid extreme shocks, such as plunging it into iced water straight after pouring boiling water. Clean it with a soft sponge and protect the rim from knocks.
@@ bedding-care-guide | care | bedding tencel
T 床品多久洗一次，怎么洗 | How Often and How to Wash Bedding
Z 床单和枕套建议每周洗一次，被套每两周洗一次；夏天出汗多或家里有宠物时适当增加频率。新床品第一次使用前先洗一遍，去掉浮色和浆料。
Z 全棉和长绒棉可用40℃以下的水机洗，天丝和真丝类选择轻柔模式和中性洗涤剂，洗后立即晾干，避免长时间闷在洗衣机里产生褶皱和异味。
Z 晾晒时反面朝外，避免暴晒褪色。换下的床品彻底干燥后再收纳，放一包干燥剂防潮。
E Wash sheets and pillowcases weekly and duvet covers every two weeks, more often in a sweaty summer or if you have pets. Wash new bedding once before first use to remove loose dye and sizing.
E Cotton and long-staple cotton can be machine-washed below 40°C. Tencel and silky fabrics need a gentle cycle and neutral detergent. Hang everything promptly, because leaving it in the machine causes creases and smells.
E Dry bedding inside out and out of strong sun to prevent fading. Make sure spare sets are completely dry before storing them, with a sachet of desiccant against damp.
@@ fast-charging-explained | faq | pd gan
T 快充协议一次讲清楚 | Fast-Charging Standards in Plain Words
Z 快充的本质是充电器和手机“商量”出一个更高的电压或电流。目前最通用的是USB PD协议，苹果、华为、小米和大多数笔记本都支持；PPS是PD的扩展，常见于安卓手机。
Z 充电器和数据线都会影响速度。60W以上的快充需要支持5A电流、带E-Marker芯片的数据线，否则会自动降速。
Z 氮化镓充电器能在更小的体积里做到更高的功率，发热也更低，出差时一个65W的氮化镓充电器就能同时照顾手机、平板和笔记本。
E Fast charging works by the charger and phone agreeing on a higher voltage or current. The most universal standard is USB Power Delivery (PD), supported by Apple, Huawei, Xiaomi and most laptops; PPS is an extension of PD common on Android phones.
E Both the charger and the cable matter. Anything above 60 W needs a 5 A cable with an e-marker chip, or the charger will fall back to a slower speed.
E Gallium nitride (GaN) chargers deliver more power in a smaller body and run cooler. On a business trip, a single 65 W GaN charger can look after your phone, tablet and laptop.
@@ power-banks-on-flights | faq | power-banks
T 充电宝带上飞机的规定 | Taking Power Banks on a Plane
Z 按照民航规定，充电宝只能随身携带，严禁托运。额定能量不超过100Wh的可以直接携带，100到160Wh之间需要航空公司批准，超过160Wh禁止携带。
Z 额定能量的计算方法是：容量乘以电芯电压，除以1000。比如20000mAh、3.7V的充电宝约为74Wh，可以正常携带。充电宝上必须清晰标注额定能量或容量，标识不清可能被要求留下。
Z 飞行途中请不要使用充电宝为设备充电，并注意不要挤压或磕碰。
E Under Chinese civil aviation rules, power banks must go in your carry-on and may never be checked in. Those rated up to 100 Wh can be carried freely; 100 to 160 Wh needs airline approval; anything above 160 Wh is banned.
E To work out the rating, multiply capacity by cell voltage and divide by 1,000. A 20,000 mAh bank at 3.7 V is about 74 Wh, so it is fine. The rating or capacity must be clearly printed on the bank; unclear labels may mean leaving it behind.
E Do not use a power bank to charge devices during the flight, and protect it from crushing and knocks.
@@ noise-cancelling-explained | usage | anc audio
T 主动降噪是怎么工作的 | How Active Noise Cancelling Works
Z 主动降噪耳机通过麦克风采集环境噪音，再由芯片生成相位相反的声波，两者叠加后相互抵消。它对飞机引擎、地铁轰鸣这类持续的低频噪音最有效，对人声等高频声音效果较弱。
Z 降噪效果很大程度取决于佩戴的密封性。入耳式耳机请试用不同尺寸的耳塞，找到最贴合的那一副。
Z 长时间佩戴降噪耳机如果感到耳压不适，可以切换到通透模式休息一下。过马路和骑车时，也建议打开通透模式以保持对环境的感知。
E Noise-cancelling earphones use microphones to capture ambient sound, and a chip generates an inverted sound wave that cancels it out. This works best on steady low-frequency noise such as aircraft engines and metro rumble, and less on higher sounds like voices.
E Much of the effect depends on a good seal. With in-ear models, try each size of ear tip to find the one that fits best.
E If you feel ear pressure after long sessions, switch to transparency mode for a break. Use transparency mode when crossing roads or cycling too, so you stay aware of your surroundings.
@@ tea-brewing-basics | usage | tea teapot
T 泡好一杯茶的三个要素 | Three Keys to a Good Cup of Tea
Z 泡茶最重要的是水温、投茶量和时间。绿茶和黄茶细嫩，用80至85℃的水；红茶用90℃左右；乌龙、普洱和老白茶需要沸水才能激发香气。
Z 投茶量一般是每150毫升水放3克茶叶。第一泡乌龙和普洱可以快速倒掉用来温润茶叶，之后每泡10到30秒出汤，随着冲泡次数逐渐延长时间。
Z 茶叶开封后要密封、避光、防潮，远离厨房和香料等有异味的地方；绿茶放冰箱冷藏，普洱和白茶则适合常温通风存放。
E Water temperature, leaf quantity and timing matter most. Delicate green and yellow teas want 80-85°C water, black tea about 90°C, while oolong, pu'er and aged white tea need boiling water to open up.
E Use about 3 g of leaf per 150 ml of water. With oolong and pu'er, a quick first rinse wakes up the leaves; after that, pour off each infusion after 10 to 30 seconds, lengthening the time as you go.
E Once opened, keep tea sealed and away from light, damp and strong smells like spices. Refrigerate green tea; pu'er and white tea prefer room temperature and some airflow.
@@ storing-nuts | care | nuts
T 坚果怎么保存才不会变味 | Keeping Nuts Fresh
Z 坚果含有丰富的不饱和脂肪，接触空气、光照和高温后容易氧化，产生“哈喇味”。所以买回家后最重要的是密封、避光、低温。
Z 开封后的大包装可以分装进密封罐或密封袋，挤出空气后放在阴凉处，一个月内吃完；夏季或南方潮湿地区建议放进冰箱冷藏。
Z 如果坚果变软，可以用烤箱150℃烘烤5分钟恢复脆感；但一旦闻到油脂酸败的味道，或看到霉点，请直接丢弃，不要再食用。
E Nuts are rich in unsaturated fats that oxidise when exposed to air, light and heat, giving them a stale, rancid taste. So once they are home, keep them sealed, dark and cool.
E Decant opened large bags into airtight jars or zip bags, squeeze out the air, store somewhere cool and finish them within a month. In summer or humid southern climates, keep them in the fridge.
E If nuts go soft, five minutes in a 150°C oven restores the crunch. But if they smell rancid or show any mould, throw them away.
@@ storing-coffee-beans | care | coffee yunnan-coffee
T 咖啡豆的保存与赏味期 | Storing Coffee Beans
Z 咖啡豆烘焙后会持续释放二氧化碳，一般在烘焙后7到30天风味最佳。所以优质咖啡豆的包装上都有单向排气阀，并标注烘焙日期。
Z 开封后请挤出空气并密封，放在阴凉避光处，不建议放冰箱冷藏，因为反复取用会让豆子受潮吸味。如果一次买得较多，可以分成小份密封后冷冻，取出后回温再开封。
Z 研磨后的咖啡粉氧化更快，最好现磨现冲；买粉的话尽量在一到两周内喝完。
E Freshly roasted beans keep releasing carbon dioxide and usually taste best 7 to 30 days after roasting. That is why good coffee comes in bags with a one-way valve and a printed roast date.
E After opening, squeeze out the air, seal the bag and keep it somewhere cool and dark. The fridge is not ideal, because taking beans in and out lets moisture and odours in. If you buy a lot, freeze small sealed portions and let each come to room temperature before opening.
E Ground coffee goes stale much faster, so grind just before brewing, and finish pre-ground coffee within a week or two.
@@ quick-dry-fabric-care | care | quick-dry cooling activewear
T 速干运动服的洗护要点 | Caring for Quick-Dry Activewear
Z 速干面料依靠纤维表面的细小沟槽把汗水导出来。柔顺剂会在纤维表面形成一层膜，堵住这些导湿通道，所以洗运动服千万不要加柔顺剂。
Z 运动后尽快清洗，不要把湿衣服长时间放在包里，以免滋生细菌产生异味。用冷水或30℃以下的温水，翻面洗涤，避免与毛巾等掉毛衣物一起洗。
Z 晾晒时阴干即可，速干面料通常一两个小时就能干透；不要高温烘干，以免弹力纤维老化失去弹性。
E Quick-dry fabrics move sweat away through tiny channels on the surface of the fibres. Fabric softener coats the fibres and blocks those channels, so never use it on activewear.
E Wash your kit soon after exercise rather than leaving it damp in a bag, where bacteria cause odours. Use cold or lukewarm water below 30°C, turn garments inside out, and keep them apart from towels that shed lint.
E Hang them to dry out of direct sun; quick-dry fabric is usually dry in an hour or two. Avoid hot tumble drying, which breaks down stretch fibres.
@@ yoga-mat-care | care | yoga-mat fitness
T 瑜伽垫的清洁与保养 | Cleaning and Caring for a Yoga Mat
Z 瑜伽垫直接接触皮肤和汗水，建议每次练习后用湿布擦拭，每周用稀释的中性清洁剂彻底清洁一次，再用清水擦净晾干。
Z 天然橡胶垫不要暴晒，也不要接触油性物质，否则容易老化变硬；软木垫可以用白醋和水按1比3配成喷雾清洁；TPE垫比较耐用，但同样需要避免高温。
Z 收纳时卷起而不是折叠，正面朝外卷能减少两端翘边。新垫子如果有轻微气味，展开放在通风处两三天就会散去。
E Your mat is in direct contact with skin and sweat. Wipe it with a damp cloth after each session, and once a week give it a proper clean with diluted neutral cleaner, then wipe with water and let it dry.
E Keep natural rubber mats out of strong sun and away from oils, which make them harden and perish. Cork mats clean well with a spray of one part white vinegar to three parts water. TPE mats are durable but also dislike heat.
E Roll rather than fold your mat, top side out, so the ends do not curl. If a new mat has a slight smell, leave it open somewhere airy for two or three days.
@@ tent-waterproof-ratings | faq | camping rainproof
T 帐篷防水指数怎么看 | Understanding Tent Waterproof Ratings
Z 帐篷面料的防水能力用“静水压”表示，单位是毫米，指面料能承受多高的水柱而不渗水。1500毫米可以应付小雨，3000毫米能应对中到大雨，地布通常需要更高的数值。
Z 除了面料，接缝处理同样重要。好的帐篷会在缝线处压胶，防止雨水从针孔渗入。搭建时把外帐拉紧，让雨水顺利流下，不要让内外帐贴在一起。
Z 露营回来后一定要把帐篷完全晾干再收纳，否则容易发霉，并损坏防水涂层。
E A fabric's waterproofing is measured as hydrostatic head in millimetres: the height of a water column it can hold back before leaking. 1500 mm handles light rain, 3000 mm copes with moderate to heavy rain, and groundsheets usually need more.
E Seams matter as much as fabric. Good tents tape their seams so rain cannot seep through the needle holes. When pitching, tension the flysheet so water runs off, and keep the inner and outer layers from touching.
E After a trip, always dry the tent completely before packing it away, or mould will grow and damage the waterproof coating.
@@ when-to-replace-running-shoes | usage | running-shoe
T 跑鞋多久该换 | When to Replace Your Running Shoes
Z 跑鞋的缓震主要来自中底泡棉，随着跑量增加会逐渐被压实，失去回弹。一般建议跑量达到600到800公里时更换，体重较大的跑者可以适当提前。
Z 判断是否该换，还可以看三个信号：中底侧面出现明显的压缩褶皱；外底花纹磨平、露出中底；跑完后膝盖或小腿比以前更容易酸痛。
Z 如果每周跑步三次以上，可以准备两双跑鞋轮换穿，让中底有时间恢复，也能延长每双鞋的寿命。
E Cushioning comes mainly from the midsole foam, which gradually compresses and loses its bounce with mileage. Replace running shoes after about 600 to 800 km, sooner if you are a heavier runner.
E Look out for three signs: deep compression creases along the side of the midsole, outsole tread worn through to the foam, and knees or calves aching more after runs than they used to.
E If you run more than three times a week, rotate two pairs. The midsoles get time to recover and each pair lasts longer.
@@ silicone-free-shampoo | ingredients | silicone-free shampoo conditioner
T 无硅油洗发水真的更好吗 | Are Silicone-Free Shampoos Better?
Z 硅油是一类能在头发表面形成顺滑保护膜的成分，可以减少打结和静电。它本身是安全的，也不会“堵塞毛囊”，但对油性头皮或细软发质来说，可能让头发更容易扁塌、出油。
Z 所以是否选无硅油，要看头皮和发质：油性头皮、细软发适合无硅油洗发水，搭配只涂发尾的护发素；干性、烫染受损的头发，含硅油的产品反而能带来更好的顺滑感。
Z 无论选哪种，洗头时都应该把洗发水主要用在头皮上，充分冲洗干净。
E Silicones form a smooth film on the hair that reduces tangles and static. They are safe and do not clog follicles, but on oily scalps or fine hair they can make hair look flat and greasy sooner.
E So the choice depends on your scalp and hair. Oily scalps and fine hair suit silicone-free shampoo with a conditioner applied only to the ends. Dry, coloured or damaged hair often feels better with silicones.
E Whichever you choose, focus shampoo on the scalp and rinse thoroughly.
@@ fluoride-toothpaste | ingredients | fluoride toothpaste
T 含氟牙膏安全吗，怎么用 | Fluoride Toothpaste: Safe and How to Use It
Z 氟是目前公认最有效的防蛀成分，它能促进牙釉质再矿化，让牙齿更耐酸。成人牙膏的含氟量一般在1000到1500ppm之间，按正常用量使用是安全的。
Z 儿童同样建议使用含氟牙膏，只是要控制用量：3岁以下每次米粒大小，3到6岁豌豆大小，家长协助刷牙并教孩子吐出泡沫。
Z 刷牙后吐掉泡沫即可，不必马上用大量清水漱口，这样能让氟在牙齿表面停留更久，防蛀效果更好。
E Fluoride is the most effective cavity-fighting ingredient we know. It helps enamel remineralise and resist acid. Adult toothpastes usually contain 1000 to 1500 ppm, which is safe at normal amounts.
E Children should use fluoride toothpaste too, with careful amounts: a rice-grain smear under three and a pea-sized amount from three to six, with a parent helping and teaching them to spit.
E After brushing, spit out the foam but skip a big rinse with water. Leaving fluoride on the teeth for longer gives better protection.
@@ laundry-pods-how-to | usage | laundry-pods laundry-liquid
T 洗衣凝珠和洗衣液的正确用法 | Using Laundry Pods and Liquid Properly
Z 洗衣凝珠要直接放在滚筒底部，再放入衣物，不要放进投放盒，否则可能溶解不充分。一般一颗可以洗4到5公斤衣物，量大或特别脏时再加一颗。
Z 凝珠外膜遇水即溶，请用干手拿取，并放在儿童接触不到的地方。洗衣液则按瓶盖刻度取量，加多了反而难漂洗干净，残留在衣物上。
Z 顽固污渍可以先把洗衣液直接涂在污渍处，静置5分钟后再放入洗衣机；深浅衣物分开洗，能避免串色。
E Put pods straight into the drum before the clothes, never in the dispenser drawer, where they may not dissolve fully. One pod handles about 4 to 5 kg of laundry; add a second for big or very dirty loads.
E The film dissolves on contact with water, so handle pods with dry hands and keep them out of children's reach. With liquid, follow the markings on the cap; too much detergent is hard to rinse out and leaves residue.
E Pre-treat stubborn stains by applying liquid directly and waiting five minutes before washing, and wash darks and lights separately to avoid colour transfer.
@@ cleaning-product-safety | faq | household-cleaning
T 家用清洁剂的安全使用 | Using Household Cleaners Safely
Z 不同清洁剂千万不要混用。最危险的组合是含氯消毒液与酸性洁厕剂，混合后会释放有毒的氯气；含氯消毒液与含氨的清洁剂混合同样危险。
Z 使用浴室和厨房清洁剂时保持通风，戴上手套，避免喷到眼睛。清洁剂请保存在原包装中，不要倒进饮料瓶，并放在儿童拿不到的高处。
Z 如果不小心溅入眼睛，立即用大量清水冲洗15分钟以上；误服请不要催吐，带上产品包装尽快就医。
E Never mix different cleaners. The most dangerous combination is chlorine bleach with acidic toilet cleaner, which releases toxic chlorine gas; bleach with ammonia-based cleaners is just as dangerous.
E Ventilate the room when using bathroom and kitchen cleaners, wear gloves and keep sprays away from your eyes. Store products in their original containers, never in drink bottles, and put them up high out of children's reach.
E If any splashes into the eyes, rinse with plenty of water for at least 15 minutes. If swallowed, do not induce vomiting; take the packaging and see a doctor straight away.
"""

FAQS = """
@@ beauty-skincare-faq | faq | beauty-skincare
T 美妆护肤常见问题 | Beauty & Skincare FAQ
Z 问：商品是正品吗？答：本店所有美妆护肤产品均由品牌方直接供货，每件商品都可以扫描包装上的溯源码查询生产批次。
Z 问：保质期怎么看？答：包装上会标注生产日期和限期使用日期，瓶身的开罐图标表示开封后建议在多少个月内用完。
Z 问：过敏了可以退吗？答：如果使用后出现过敏，请保留产品并拍照联系客服，经确认后可以办理退货，并提供专业的护理建议。
E Are the products genuine? Every beauty product we sell comes directly from the brand, and you can scan the traceability code on the pack to check its production batch.
E How do I read the shelf life? The pack shows the production date and the use-by date. The open-jar symbol tells you how many months the product stays good once opened.
E Can I return something if I react to it? If you have a reaction, keep the product, take a photo and contact our team. Once confirmed we will arrange a return and share advice on caring for your skin.
@@ baby-maternity-faq | faq | baby-maternity
T 母婴用品常见问题 | Baby & Maternity FAQ
Z 问：母婴产品有哪些安全认证？答：本店的童装和床品均符合A类标准，玩具均有3C认证，奶瓶等喂养用品符合食品接触材料国家标准，检测报告可以在商品页查看。
Z 问：纸尿裤拆包后还能退吗？答：未拆封的整包可以7天无理由退换；已拆封的如果尺码不合适，可以联系客服换码。
Z 问：怎样选择合适的尺码？答：童装按身高，纸尿裤按体重，商品页都附有详细的尺码表，也可以咨询育儿顾问。
E Which safety certifications do baby products have? Our children's clothing and bedding meet Class A standards, toys are CCC-certified and feeding products meet national food-contact standards. Test reports are on each product page.
E Can I return opened diapers? Unopened packs can be returned within seven days, no questions asked. If an opened pack is the wrong size, contact us to exchange it.
E How do I choose the right size? Clothing is sized by height and diapers by weight. Every product page has a detailed size chart, and our parenting advisers are happy to help.
@@ home-kitchen-faq | faq | home-kitchen
T 家居厨具常见问题 | Home & Kitchen FAQ
Z 问：锅具适用哪些炉灶？答：商品页的“适用炉灶”会明确标注，全平底的锅具可以用于燃气灶、电磁炉和电陶炉，铸铁锅也适用于烤箱。
Z 问：收到的商品有磕碰怎么办？答：请在签收后48小时内拍照联系客服，我们会为你免费补发或换新。
Z 问：床品和收纳的尺寸准确吗？答：所有尺寸均为实物测量，可能存在1到2厘米误差。购买前建议先测量床垫和柜体的内部尺寸。
E Which hobs do the pans work on? The hob type is listed on each product page. Flat-based pans work on gas, induction and ceramic hobs, and cast iron can go in the oven too.
E What if something arrives damaged? Take photos and contact us within 48 hours of delivery, and we will send a replacement free of charge.
E Are bedding and storage dimensions accurate? All sizes are measured from real products and may vary by 1 to 2 cm. Measure your mattress and cupboard interiors before buying.
@@ digital-accessories-faq | faq | digital-accessories
T 数码配件常见问题 | Digital Accessories FAQ
Z 问：充电器和我的手机兼容吗？答：本店充电器支持PD等主流快充协议，商品页列出了兼容的机型；如果不确定，可以把手机型号告诉客服帮你确认。
Z 问：质保期是多久？答：充电器、充电宝和耳机提供12到18个月质保，期间出现非人为故障可以直接换新。
Z 问：手机壳买错型号怎么办？答：未拆封的商品支持7天无理由退换，请在下单前仔细核对型号，特别是Pro和Pro Max。
E Will a charger work with my phone? Our chargers support PD and other mainstream fast-charging standards, and each product page lists compatible models. If you are unsure, tell our team your phone model and we will check.
E How long is the warranty? Chargers, power banks and earphones carry a 12 to 18-month warranty, with a straight replacement for any fault not caused by damage.
E What if I ordered a case for the wrong model? Unopened items can be returned within seven days. Please double-check your model before ordering, especially Pro versus Pro Max.
@@ apparel-bags-faq | faq | apparel-bags
T 服饰鞋包常见问题 | Apparel & Bags FAQ
Z 问：尺码不合适可以换吗？答：吊牌完好、未经洗涤的服饰鞋包支持7天无理由退换，鞋靴支持30天试穿换码，首次换码免运费。
Z 问：衣服会缩水吗？答：本店大部分面料都经过预缩处理，按照洗标说明洗涤，缩水率可以控制在3%以内。
Z 问：为什么收到的颜色和图片有些不同？答：不同屏幕显示会有色差，商品页提供了自然光下的实拍图，可以作为参考。
E Can I exchange a size? Clothing, shoes and bags with tags attached and unwashed can be returned within seven days. Shoes come with a 30-day wear trial, and your first size exchange ships free.
E Will clothes shrink? Most of our fabrics are pre-shrunk; following the care label keeps shrinkage below 3%.
E Why does the colour look slightly different from the photos? Screens display colour differently. Each product page includes photos taken in natural daylight for reference.
@@ food-drinks-faq | faq | food-drinks
T 食品饮料常见问题 | Food & Drinks FAQ
Z 问：食品的生产日期新鲜吗？答：我们按照“先进先出”原则发货，坚果和咖啡豆通常是近一个月内生产或烘焙的，具体日期以包装为准。
Z 问：食品可以退换吗？答：食品属于特殊商品，拆封后不支持无理由退货；如果出现破损、变质或临近保质期，请拍照联系客服，我们会负责处理。
Z 问：夏天会不会在运输中变质？答：高温季节，巧克力等怕热商品会使用保温箱和冰袋发货，西部地区由成都仓就近发出。
E How fresh is the food? We ship first in, first out. Nuts and coffee beans are usually produced or roasted within the past month; the exact date is on the pack.
E Can food be returned? Opened food cannot be returned without a reason. If something arrives damaged, spoiled or close to its best-before date, send us a photo and we will put it right.
E Will it spoil in summer shipping? In hot weather, heat-sensitive items ship in insulated boxes with ice packs, and western China is served from our Chengdu warehouse to keep transit short.
@@ sports-outdoors-faq | faq | sports-outdoors
T 运动户外常见问题 | Sports & Outdoors FAQ
Z 问：跑鞋怎么选尺码？答：跑鞋建议比日常鞋大半码，商品页提供了脚长对照表；拿不准时可以把脚长和常穿的品牌尺码告诉客服。
Z 问：帐篷可以先试搭吗？答：收到后可以在家试搭，只要不影响二次销售，7天内都可以退换。
Z 问：户外装备有质保吗？答：帐篷、天幕的杆件和关键部件提供两年质保，使用中出现断裂可以免费更换配件。
E How should I size running shoes? Go half a size up from your everyday shoes. Product pages include a foot-length chart, and our team can help if you share your foot length and usual sizes.
E Can I try pitching a tent first? Yes. Set it up at home, and as long as it can be resold, you can return or exchange it within seven days.
E Is outdoor gear under warranty? Poles and key components of tents and tarps carry a two-year warranty, and broken parts are replaced free of charge.
@@ personal-home-care-faq | faq | personal-home-care
T 个护家清常见问题 | Personal & Home Care FAQ
Z 问：家清产品对宝宝安全吗？答：标注“净护”系列和“低残留”的产品经过皮肤刺激性测试，按说明使用并冲洗干净即可放心；所有清洁剂都应放在儿童接触不到的地方。
Z 问：液体商品运输漏了怎么办？答：液体商品均使用锁扣泵头和防漏袋包装，如仍有渗漏，请拍照联系客服，我们会免费补发。
Z 问：有没有补充装？答：大部分洗护和家清产品都提供补充装，价格更优惠，也能减少塑料瓶的使用。
E Are home-care products safe around babies? Products in the Pure Care series and those marked low-residue are tested for skin irritation and are fine when used as directed and rinsed off. Keep all cleaners out of children's reach.
E What if a liquid leaks in transit? Liquids ship with locked pumps in leak-proof bags. If anything still leaks, send us a photo and we will replace it free of charge.
E Are refills available? Most body-care and cleaning products come in refill packs, which cost less and cut down on plastic bottles.
"""
