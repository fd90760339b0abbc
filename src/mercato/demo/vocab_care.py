# ruff: noqa: E501
"""Vocabulary: 个护家清 / Personal & Home Care (format: see vocab_format)."""

TEXT = """
TOP personal-home-care | 个护家清 | Personal & Home Care | CAR
series 清新 | Fresh | 清爽宜人的日常之选 | a fresh, pleasant everyday choice
series 家庭 | Family | 大容量，全家都能用 | in family sizes everyone can use
series 植萃 | Botanical | 以植物来源成分为主 | built on plant-derived ingredients
series 净护 | Pure Care | 温和低敏，有宝宝的家庭也能放心用 | gentle and low-allergen, safe for homes with babies
video 工艺揭秘：配方实验室的一天 | Behind the Process: A Day in the Formula Lab | {name}的配方在实验室里经过上百次去污力、泡沫和温和度测试，香型由调香师花三个月反复调整。视频带你了解一款日化产品如何从烧杯走上货架。 | The {name} formula went through hundreds of cleaning, foam and mildness tests, and its scent took a perfumer three months to refine. The video shows how a household product goes from beaker to shelf.
video 工艺揭秘：自动化生产线 | Behind the Process: The Automated Line | 每一件{name}都在全自动生产线上完成灌装或分切、封口和称重复检，误差控制在1%以内。视频记录了它在工厂里的90秒。 | Every {name} is filled or cut, sealed and check-weighed on an automated line with less than 1% variance. The video follows its 90 seconds in the factory.
case 用户故事：有娃家庭的清洁清单 | Customer Story: Cleaning with Little Ones | 南京的徐女士家有一个爱在地上爬的宝宝，她选择{name}的原因很简单：“成分温和，味道清淡，宝宝碰到也不担心。” | Ms Xu in Nanjing has a baby who crawls everywhere, and her reason for choosing the {name} is simple: gentle ingredients, a light scent, and no worries if the baby touches it.
case 用户故事：合租公寓的共用好物 | Customer Story: A Shared-Flat Favourite | 在上海合租的三个年轻人投票选出{name}作为公共区域用品：“大容量分摊下来很划算，味道大家都喜欢。” | Three young flatmates in Shanghai voted the {name} their shared household pick: the big size is great value split three ways, and everyone likes it.

SUB hair-body | 洗发沐浴 | Hair & Body
shape bottle
price 39 | 139
weight 600
axes capacity scent
opt capacity | 300ML | 300ml | 300 ml | 0.65 | 0.55
opt capacity | 500ML | 500ml | 500 ml | 1.0 | 1.0
opt capacity | 750ML | 750ml | 750 ml | 1.35 | 1.45
opt capacity | 1L | 1L | 1 L | 1.65 | 1.9
opt scent | OSM | 桂花 | Osmanthus | 1 | 1
opt scent | TEA | 白茶 | White Tea | 1 | 1
opt scent | CIT | 柑橘 | Citrus | 1 | 1
opt scent | GRF | 西柚 | Grapefruit | 1 | 1
opt scent | UNS | 无香 | Unscented | 1 | 1
attr skin_type | 干性肌肤=Dry | 油性肌肤=Oily | 敏感肌肤=Sensitive | 所有肤质=All skin types
noun 洗发水 | Shampoo | shampoo | 先用温水充分打湿头发，取适量揉出泡沫后用指腹按摩头皮 | Wet your hair thoroughly, lather a little and massage the scalp with your fingertips
noun 护发素 | Conditioner | conditioner | 涂抹在发中至发尾，避开头皮，停留2分钟后冲净 | Apply from mid-lengths to ends, avoid the scalp, leave two minutes and rinse
noun 沐浴露 | Body Wash | body-wash | 用沐浴球揉出丰富泡沫，全身清洁后冲净 | Lather with a shower puff, wash all over and rinse
noun 身体乳 | Body Lotion | body-lotion | 洗澡后趁皮肤微湿时涂抹，保湿效果更好 | Apply while skin is still slightly damp after a shower for better moisture
noun 洗手液 | Hand Wash | hand-wash | 按压一泵，双手搓洗20秒后冲净 | Use one pump and rub hands together for 20 seconds before rinsing
feat 氨基酸 | Amino Acid | amino-acid | 温和清洁 | Gentle cleansing | 采用氨基酸表活，洗后柔顺不干涩 | uses amino-acid surfactants that leave hair and skin soft, never stripped
feat 无硅油 | Silicone-Free | silicone-free | 无硅油 | Silicone-free | 不含硅油，清爽不闷堵 | contains no silicones, so it feels light and never clogs
feat 控油 | Oil-Control | oil-control | 清爽控油 | Oil control | 添加薄荷与茶树精油，清爽控油 | adds mint and tea tree oils for fresh, lasting oil control
feat 滋润 | Nourishing | nourishing | 深层滋润 | Deep nourishment | 添加乳木果油，秋冬洗后不紧绷 | adds shea butter so skin stays comfortable in dry seasons
feat 香氛 | Fragrance | fragrance | 留香持久 | Long-lasting scent | 由调香师调制，香气可以持续8小时 | carries a perfumer-designed scent that lasts eight hours
feat 弱酸性 | pH-Balanced | ph-balanced | 弱酸性 | pH-balanced | 弱酸性配方，贴近皮肤天然pH值 | has a mildly acidic formula close to skin's natural pH
feat 烟酰胺 | Niacinamide | niacinamide | 亮肤 | Brightening | 添加烟酰胺，日常清洁护理时提亮肤色 | adds niacinamide to brighten skin as part of your daily routine
point 泵头可以锁扣，旅行搬家不漏液 | A lockable pump will not leak in transit
point 瓶身使用30%再生塑料 | The bottle contains 30% recycled plastic
point 提供同款补充装，更环保也更划算 | Refill pouches are available for less waste and better value
guide 洗发水按头皮而不是发梢来选：油性头皮选控油、无硅油款，干性和敏感头皮选氨基酸款。沐浴露同理，秋冬干燥选滋润型，夏天选清爽型；洗完澡及时涂身体乳，能明显改善干痒。 | Choose shampoo for your scalp, not your ends: oil-control, silicone-free for oily scalps, amino-acid for dry or sensitive ones. The same goes for body wash: nourishing in dry seasons, refreshing in summer. Applying body lotion straight after a shower makes a clear difference to dry, itchy skin.

SUB oral-care | 口腔护理 | Oral Care
shape tube
price 19 | 89
weight 180
axes spec flavor
opt spec | 1PC | 单件装 | Single | 1.0 | 1.0
opt spec | 3PC | 3件装 | Pack of 3 | 2.6 | 3.0
opt spec | 6PC | 6件装 | Pack of 6 | 4.8 | 6.0
opt flavor | MINT | 清凉薄荷 | Cool Mint | 1 | 1
opt flavor | TEA | 绿茶 | Green Tea | 1 | 1
opt flavor | PEACH | 白桃 | White Peach | 1 | 1
opt flavor | SALT | 海盐 | Sea Salt | 1 | 1
attr efficacy | 防蛀=Cavity protection | 美白=Whitening | 抗敏=Sensitivity relief | 清新口气=Fresh breath
noun 牙膏 | Toothpaste | toothpaste | 每次取豌豆大小，早晚各刷两分钟 | Use a pea-sized amount and brush for two minutes morning and night
noun 漱口水 | Mouthwash | mouthwash | 刷牙后取20毫升含漱30秒，吐出后无需再用清水漱口 | After brushing, swish 20 ml for 30 seconds and spit; no need to rinse with water
noun 牙线 | Dental Floss | floss | 每天睡前使用一次，沿牙齿侧面呈C形上下刮动 | Use once a day before bed, curving it into a C against each tooth
noun 口腔喷雾 | Breath Spray | breath-spray | 饭后或见客户前对着口腔喷两下，随时清新口气 | Two sprays after meals or before meetings freshen your breath on the go
noun 儿童牙膏 | Kids' Toothpaste | toothpaste | 3岁以下每次米粒大小，3至6岁豌豆大小，家长协助刷牙 | A rice-grain amount under three, a pea-sized amount from three to six, with a parent helping
feat 含氟 | Fluoride | fluoride | 含氟防蛀 | Fluoride protection | 含氟配方，帮助坚固牙釉质、预防蛀牙 | has a fluoride formula that strengthens enamel and helps prevent cavities
feat 益生菌 | Probiotic | probiotic | 益生菌 | Probiotic | 添加口腔益生菌，帮助平衡口腔菌群 | adds oral probiotics to help balance the mouth's bacteria
feat 美白 | Whitening | whitening | 温和美白 | Gentle whitening | 采用低磨耗摩擦剂，温和去除色渍 | uses low-abrasion polishing agents to lift stains gently
feat 抗敏 | Sensitive | sensitive-teeth | 抗敏护齿 | For sensitive teeth | 含硝酸钾，缓解冷热酸甜带来的敏感 | contains potassium nitrate to ease sensitivity to hot, cold and sweet
feat 清新口气 | Fresh-Breath | fresh-breath | 持久清新 | Long-lasting freshness | 含锌离子，持续中和口腔异味 | contains zinc to keep neutralising odours
feat 无酒精 | Alcohol-Free | alcohol-free | 无酒精 | Alcohol-free | 不含酒精，使用时不刺痛 | is alcohol-free, so it never stings
feat 护龈 | Gum-Care | gum-care | 护龈 | Gum care | 添加三七提取物，呵护牙龈健康 | adds notoginseng extract for healthier gums
point 功效宣称经过口腔护理功效评价 | Efficacy claims are backed by standard oral-care testing
point 包装采用可回收的单一材质 | Packaging is made of a single recyclable material
point 旅行装与家庭装均可选择 | Available in travel and family sizes
guide 牙膏首选含氟配方，成人含氟量1000至1500ppm为宜；牙齿敏感选含硝酸钾的抗敏款，牙龈容易出血选护龈款。漱口水和牙线是刷牙的补充而不是替代，每天至少用一次牙线清洁牙缝。 | Choose a fluoride toothpaste first, 1000-1500 ppm for adults; pick potassium nitrate for sensitive teeth and a gum-care formula if your gums bleed easily. Mouthwash and floss supplement brushing rather than replace it, and you should floss at least once a day.

SUB laundry | 衣物清洁 | Laundry Care
shape bottle
price 29 | 119
weight 2000
axes spec scent
opt spec | 1KG | 1kg | 1 kg | 0.55 | 0.5
opt spec | 2KG | 2kg | 2 kg | 1.0 | 1.0
opt spec | 3KG | 3kg | 3 kg | 1.4 | 1.5
opt scent | LAV | 薰衣草 | Lavender | 1 | 1
opt scent | SAKURA | 樱花 | Cherry Blossom | 1 | 1
opt scent | SOAP | 清新皂香 | Clean Soap | 1 | 1
opt scent | UNS | 无香 | Unscented | 1 | 1
opt scent | OCEAN | 海洋 | Ocean Breeze | 1 | 1
noun 洗衣液 | Laundry Liquid | laundry-liquid | 按衣物量倒入一瓶盖，顽固污渍可以先直接涂抹再洗 | Use one capful per load; pre-treat stubborn stains by applying it directly
noun 洗衣凝珠 | Laundry Pods | laundry-pods | 直接放入滚筒底部再放衣物，不要放进投放盒 | Put the pod in the drum before the clothes, never in the dispenser drawer
noun 内衣洗衣液 | Delicates Wash | delicates | 冷水手洗或使用洗衣机轻柔模式，浸泡不超过10分钟 | Hand-wash in cold water or use a gentle cycle, soaking no more than ten minutes
noun 柔顺剂 | Fabric Softener | softener | 在最后一次漂洗时加入，毛巾和运动服不建议使用 | Add it to the final rinse; skip it for towels and sportswear
noun 衣物除菌液 | Laundry Sanitiser | sanitiser | 与洗衣液一起加入，贴身衣物和毛巾更干净 | Add it with your detergent for cleaner underwear and towels
feat 酶制剂 | Enzyme | enzyme | 生物酶去渍 | Enzyme stain removal | 添加蛋白酶与脂肪酶，分解汗渍和油渍 | contains protease and lipase enzymes to break down sweat and grease stains
feat 除菌 | Antibacterial | antibacterial | 除菌99% | Kills 99% of bacteria | 经检测除菌率达到99%，阴天晾晒也没有异味 | is lab-tested to remove 99% of bacteria, so clothes dry odour-free even indoors
feat 低泡 | Low-Foam | low-foam | 低泡易漂 | Low foam, easy rinse | 低泡配方，一次漂洗即可，省水省电 | is low-foaming, so one rinse is enough, saving water and power
feat 护色 | Colour-Care | colour-care | 护色防串 | Colour protection | 含护色因子，深色衣物不易褪色 | contains colour-care agents so dark clothes stay dark
feat 中性 | Neutral-pH | neutral | 中性温和 | Neutral pH | 中性配方，羊毛和真丝也可以洗 | is pH-neutral and safe for wool and silk
feat 浓缩 | Concentrated | concentrated | 浓缩配方 | Concentrated | 三倍浓缩，一瓶顶三瓶用 | is triple-concentrated, so one bottle does the work of three
feat 植物基 | Plant-Based | plant | 植物基 | Plant-based | 表活来自椰油等植物来源，易生物降解 | uses coconut-derived surfactants that biodegrade readily
point 无磷、无荧光增白剂配方 | Phosphate-free and free of optical brighteners
point 瓶盖即量杯，刻度清晰不浪费 | The cap doubles as a measuring cup with clear markings
point 滚筒和波轮洗衣机都适用 | Works in front- and top-loading machines
guide 洗衣产品看去污力和温和度：日常衣物选含酶制剂的，羊毛、真丝等精细面料选中性配方；阴雨天或贴身衣物可以加除菌液。洗衣凝珠直接放在滚筒底部，用量按衣物多少放一到两颗。 | Judge laundry products on cleaning power and mildness: enzyme formulas for everyday loads, pH-neutral for wool and silk, and a sanitiser for rainy days or underwear. Put pods straight into the drum, one or two depending on the size of the load.

SUB household-cleaning | 家居清洁 | Household Cleaning
shape bottle
price 19 | 89
weight 800
axes spec scent
opt spec | 500ML | 500ml | 500 ml | 0.6 | 0.55
opt spec | 1L | 1L | 1 L | 1.0 | 1.0
opt spec | 2L | 2L | 2 L | 1.7 | 1.9
opt scent | LEMON | 柠檬 | Lemon | 1 | 1
opt scent | MINT | 薄荷 | Mint | 1 | 1
opt scent | PINE | 松木 | Pine | 1 | 1
opt scent | UNS | 无香 | Unscented | 1 | 1
attr scene | 厨房=Kitchen | 浴室=Bathroom | 客厅卧室=Living spaces
noun 洗洁精 | Dish Soap | dish-soap | 挤几滴在湿海绵上即可清洗一整池碗碟 | A few drops on a damp sponge wash a whole sink of dishes
noun 厨房清洁剂 | Kitchen Degreaser | degreaser | 喷在灶台和油烟机上静置2分钟，再用湿布擦净 | Spray the hob and hood, wait two minutes, then wipe with a damp cloth
noun 浴室清洁剂 | Bathroom Cleaner | bathroom-cleaner | 喷在水垢处静置5分钟，用刷子刷洗后冲净 | Spray on limescale, leave five minutes, scrub and rinse
noun 地板清洁剂 | Floor Cleaner | floor-cleaner | 按1比100兑水拖地，免过水，不留痕迹 | Dilute 1:100 for mopping; no rinse needed and no streaks left behind
noun 玻璃清洁剂 | Glass Cleaner | glass-cleaner | 喷在玻璃上，用干的超细纤维布由上往下擦 | Spray on glass and wipe top to bottom with a dry microfibre cloth
feat 低残留 | Low-Residue | low-residue | 低残留 | Rinses clean | 易冲洗、低残留，有宝宝的家庭也放心 | rinses away cleanly, reassuring for homes with babies
feat 强力去油 | Grease-Cutting | degreasing | 强力去油 | Cuts grease | 快速分解油污，顽固污渍喷一喷就能擦掉 | breaks down grease fast, so stubborn grime wipes away after one spray
feat 除菌 | Antibacterial | antibacterial | 除菌99.9% | Kills 99.9% of germs | 经检测对大肠杆菌、金黄色葡萄球菌的除菌率达到99.9% | is tested to kill 99.9% of E. coli and Staphylococcus aureus
feat 植物 | Plant-Based | plant | 植物来源 | Plant-based | 表活来源于植物，易生物降解 | uses plant-derived surfactants that biodegrade readily
feat 护手 | Hand-Kind | hand-kind | 温和护手 | Kind to hands | 添加芦荟精华，用完双手不干涩 | adds aloe so hands do not feel dry afterwards
feat 浓缩 | Concentrated | concentrated | 浓缩 | Concentrated | 浓缩配方，兑水稀释后使用更经济 | is concentrated and dilutes with water for better value
feat 无痕 | Streak-Free | streak-free | 不留水痕 | Streak-free | 速干不留水痕，擦完光亮如新 | dries fast without streaks for a like-new shine
point 喷头可在喷雾和柱状两种模式间切换 | The trigger switches between mist and jet
point 提供大容量补充装，减少塑料使用 | Bulk refills reduce plastic use
point 请勿与含氯清洁剂混合使用 | Do not mix with chlorine-based cleaners
guide 家清产品按场景分开使用：厨房选强力去油，浴室选除水垢和除菌，地板选低泡免过水的。不同清洁剂不要混用，尤其是含氯的消毒液和酸性洁厕剂，混合后会产生有毒气体。 | Use separate products for each job: a degreaser for the kitchen, limescale and germ removers for the bathroom, and low-foam, no-rinse cleaner for floors. Never mix cleaners, especially chlorine bleach with acidic toilet cleaner, which releases toxic gas.

SUB paper-goods | 纸品湿巾 | Tissues & Wipes
shape box
price 19 | 79
weight 1200
axes spec
opt spec | 3P | 3包装 | Pack of 3 | 0.45 | 0.35
opt spec | 6P | 6包装 | Pack of 6 | 0.8 | 0.7
opt spec | 12P | 12包装 | Pack of 12 | 1.4 | 1.4
opt spec | 24P | 24包装 | Pack of 24 | 2.5 | 2.7
attr scene | 客厅卧室=Living spaces | 厨房=Kitchen | 外出=On the go
noun 抽纸 | Facial Tissues | tissue | 从中间抽取，放在客厅、卧室和车里都方便 | Pull from the centre; handy in the living room, bedroom and car
noun 卷纸 | Toilet Roll | toilet-roll | 可溶于水，不易堵塞马桶 | Dissolves in water, so it will not block the toilet
noun 湿巾 | Wet Wipes | wipes | 用后及时贴好封口贴，防止湿巾变干 | Reseal the label after each use to keep wipes moist
noun 厨房纸 | Kitchen Towels | kitchen-towel | 可以吸油、擦台面，也能垫在盘子下沥干炸物 | Soaks up oil, wipes counters and drains fried food on a plate
noun 棉柔巾 | Cotton Towels | cotton-towel | 干用可以擦脸，湿用可以当作卸妆棉 | Use dry to pat your face or damp as a makeup-removing pad
feat 原生木浆 | Virgin-Pulp | virgin-pulp | 100%原生木浆 | 100% virgin pulp | 采用100%原生木浆，不含回收纸 | is made of 100% virgin pulp with no recycled paper
feat 竹浆 | Bamboo-Pulp | bamboo | 本色竹浆 | Natural bamboo pulp | 采用本色竹浆，不添加漂白剂 | uses unbleached bamboo pulp
feat 加厚 | Extra-Thick | thick | 4层加厚 | 4-ply | 4层加厚，沾水不易破 | is four-ply and stays strong when wet
feat 无香 | Unscented | fragrance-free | 无香无添加 | No fragrance | 不添加香精和荧光剂 | has no fragrance or optical brighteners
feat 乳霜 | Lotion-Soft | lotion | 乳霜柔润 | Lotion-soft | 添加保湿因子，擦鼻子不发红 | is infused with moisturisers so noses never get sore
feat 纯水 | Pure-Water | pure-water | EDI纯水 | Pure water | 采用EDI纯水，婴儿手口可用 | uses EDI-purified water and is safe for babies' hands and mouths
feat 大张 | Large-Sheet | large | 大尺寸 | Large sheets | 单张尺寸加大20%，一张就够用 | has sheets 20% larger, so one is enough
point 生产环境达到卫生级标准，每批次做微生物检测 | Made in hygienic conditions with microbial testing for every batch
point 外包装带提手，搬运和存放更方便 | Handles on the pack make it easy to carry and store
point 外包装可回收 | The outer packaging is recyclable
guide 纸品首先看原料：原生木浆和竹浆纸质更好，避免回收纸浆。擦脸选乳霜纸或棉柔巾，厨房选吸水吸油的厨房纸；给宝宝用的湿巾认准纯水配方和“卫生湿巾”标识。纸品怕潮，要存放在干燥通风处。 | Check the raw material first: virgin wood or bamboo pulp is better than recycled. Use lotion tissues or cotton towels for the face and absorbent towels in the kitchen; for babies, choose pure-water wipes labelled as hygienic wipes. Keep paper products somewhere dry and ventilated.
"""
